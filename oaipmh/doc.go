// Package oaipmh is Recto's OAI-PMH 2.0 repository: it lets harvesters
// (library catalogues, aggregators, other archives) copy the published
// archive's metadata and keep their copy current.
//
// # Paths
//
// A Handler answers the protocol at Path (/oai), GET and POST
// (application/x-www-form-urlencoded), and serves the native format's XML
// Schema at SchemaPath (/oai/recto.xsd). The protocol's base URL is
// BASE/oai, BASE being Options.BaseURL or, when that is empty, the
// request's scheme and host. Responses are text/xml in UTF-8, gzipped when
// the client accepts it (Identify advertises gzip); protocol errors are
// answered with status 200 as the protocol requires, internal errors with
// 500, and 503 with Retry-After when the store asks to be asked later.
//
// # Items and identifiers
//
// Each document is an item, identified as oai:HOST:ID: HOST is
// Options.RepositoryID, or else the host name of Options.BaseURL, lower
// case and without a port (the oai-identifier syntax has no room for one),
// or else "localhost"; never the request's Host, so that identifiers do
// not change with the name a harvester asks by. ID is the Record ID, which
// is never reused. Identify describes the scheme with an oai-identifier
// description when HOST is a domain name. A record's datestamp is the document's last
// change (UpdatedAt) in UTC to the second; the granularity is
// YYYY-MM-DDThh:mm:ssZ, and from and until are accepted at that or day
// granularity (both the same), until inclusive to its last instant.
// earliestDatestamp is the oldest datestamp of any item.
//
// # What is shown, and deletions
//
// A published document is a record. A withdrawn document, and one that was
// published once (it has a first-publication stamp) but is a draft or in
// review again, is a deleted record: a header with status="deleted", no
// metadata and no setSpec (its current collections may be an unpublished
// edit). Deletions are persistent: documents are never removed from the
// store, so a deletion is reported for ever, until the document is published
// again. A document never published is not an item at all: no list shows it,
// no count includes it, and GetRecord and ListMetadataFormats answer
// idDoesNotExist. Links to documents that are not published are left out of
// both formats. ListMetadataFormats for a deleted item answers
// noMetadataFormats, since no metadata of it is disseminated.
//
// # Formats
//
// oai_dc is simple Dublin Core: title; creator (authors); subject (subject
// headings, then people the document is about); description (summary);
// publisher (Options.RepositoryName); contributor (recipients, obtainers,
// translators, transcribers, editors); date (the EDTF string, which is ISO
// 8601 for exact dates); type ("Text" and the genre); identifier (the
// permanent URL BASE/documents/ID); source (each archival reference as
// cited, "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359"); language
// (of the original, then of the texts); relation (permanent URLs of linked
// published documents, both directions); coverage (places); rights
// (statement and URI).
//
// recto is the native format: the whole catalogue model of a document,
// texts with their Markdown bodies and credits, sources with their ordered
// reference parts, authorities with Record IDs and labels, classification,
// rights, media, relations, status and stamps. Its namespace is Namespace
// (https://recto-archive.org/ns/oai/1.0) and its schema, recto.xsd, is
// served at BASE/oai/recto.xsd.
//
// # Sets
//
// Each collection is a set, collection:ID, nested as the collections are:
// collection 12 inside collection 3 is collection:3:12, and a document in
// it is in collection:3 too (selective harvesting of collection:3 covers
// its whole subtree). Each repository holding published documents is a set
// repository:ID. ListSets gives every collection, depth first, and those
// repositories, in one response; a collection's description becomes an
// oai_dc setDescription. A record's header lists every set it is in. A
// well-formed setSpec that names no set answers noRecordsMatch; an archive
// without collections or repositories answers noSetHierarchy.
//
// # Harvests and resumption tokens
//
// ListIdentifiers and ListRecords page through the documents in the order
// of their last change, oldest first, then Record ID, with the store's
// cursor (DocumentFilter.After) rather than an offset. The first request of
// a harvest fixes its upper bound: until, or the end of the second before
// the harvest started if that is earlier. Every later page keeps that
// bound, so a document changed during the harvest (edited, published,
// withdrawn, or added) moves past it: it is neither repeated nor skipped
// within the harvest, and the next incremental harvest, from this
// harvest's first responseDate, finds it; the two harvests meet exactly at
// that second. A document changed between being listed and being read is
// left out for the same reason.
//
// After the first page, each page is read in windows of last-change time
// starting at the cursor, sized from the pages before to hold about two
// pages, so that both the page's query and the count the store makes of
// every listing cost about a page, wherever the harvest is (a count from
// the cursor to the bound would cost the rest of the archive on every
// page). A set's listing is read from the set's own documents whatever
// the window, so a set is read in one window to the bound. The documents of
// a page are read in up to four parts at once.
//
// The resumptionToken carries the whole state of the harvest, so the
// server keeps none and tokens survive restarts and work on every server
// behind a load balancer: it is base64url (no padding) of a versioned
// binary encoding of the verb, metadataPrefix, set, from, the fixed upper
// bound, the place the next page starts (last change and Record ID of the
// last item given), the number of items given so far (the cursor
// attribute), the size of the complete list counted when the harvest
// started (completeListSize) and the window length learnt so far, followed
// by 8 bytes of the SHA-256 of all that. A token that does not decode, fails its checksum, carries values no
// harvest can have, or belongs to the other list verb is answered
// badResumptionToken. Tokens need no secret: every listing a token can name
// could be asked for directly, and what is shown is decided afresh on every
// page. They do not expire, and asking again with the same token gives the
// same page (less what changed since).
package oaipmh
