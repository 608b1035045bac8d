// Package cite generates citations of documents from their structured fields.
// Citations are never stored: they are built from the sources, parts and
// credits each time, so a corrected reference corrects every citation.
//
// Every format is made from the same few pieces:
//
//   - the reference of a source: the repository's short name (its full name
//     when it has none), then each part as "label value" with its label as
//     the editors wrote it ("Fond R-9401ss", "ll. 352–359"). In parts of
//     leaves or pages (types folios, pages, leaves…; labels ll., pp., ff.…)
//     a hyphen between numbers becomes an en dash; other parts keep theirs,
//     since "R-9401ss" is a fond and "109-00765-01" a file number. A source
//     without parts gives its legacy citation string as written; the
//     formats with an archive field still name the repository the source
//     links, and give the legacy string, without the repository's name
//     that may lead it, as the location.
//   - the date: edtf.Date.Display, never a day the EDTF value does not have
//     ("June 1934", "c. 1950", "April–June 1945"); "n.d." when undated.
//   - names: a person whose stored sort name is "Family, Given" ("Hasanli,
//     Jamil") is split into family and given where a format has the two;
//     any other name is given whole, as shown, and the name as shown is
//     never split: "Alihan Tore" or "Mao Zedong" does not say which part
//     is the family name, and its sort name says it is not to be inverted.
//   - credits "for": the organisation a credit was made for reads "for
//     NKIDP by Gary Goldberg" in the source sentence and Chicago forms
//     ("Obtained and translated for NKIDP by …" when the same people did
//     both for the same organisation); RIS, CSL-JSON, BibTeX and biblatex,
//     whose name fields have no room for it, say it in their note.
//   - translators: those of the texts and any credited on the document.
//   - the language: the first language of the original, none when the
//     original's is unknown; never a text's, since a translation's "en"
//     would say the document was written in English.
//   - the archive (Options.Archive, "Recto" by default) and the permanent URL
//     BaseURL/documents/ID.
//
// # Chicago
//
// Note and Bibliography follow the data model's example, which is how
// digital archives of translated documents are cited, in the punctuation of
// the official Chicago notes-bibliography CSL style (18th edition) for an
// archival manuscript: commas between the parts of a note, full stops
// between those of a bibliography entry, the title in quotation marks with
// the comma or full stop inside them, "trans." in a note and "Translated
// by" in a bibliography, "n.d." for no date, lists with a serial comma.
// Quotation marks within a title become curly single ones, the punctuation
// that follows inside them too (CMOS 13.30, 14.94): “Comments on ‘The Long
// Telegram,’”; straight apostrophes become curly.
//
//	note:         [Authors, ]“Title,” Date, Reference[; Reference], ed. Names, obtained by Names, trans. Names, Archive, URL.
//	bibliography: [Authors. ]“Title.” Date. Reference. [Reference. ]Edited by Names. Obtained by Names. Translated by Names. Archive. URL.
//
// The editors are the document's credits as editor: those of the printed
// volume its reference names (a FRUS volume's): "ed." follows the volume,
// as for a document in a published collection of documents.
//
// Choices where the CSL style would differ, and why:
//
//   - the authors are left out when the title names every one of them, as
//     the archive's descriptive titles do ("Letter from Alihan Tore to …");
//     otherwise they lead, the first inverted in a bibliography only when
//     its sort name is "Family, Given". The CSL style always repeats them, and adds the
//     genre ("letter") that such a title already gives.
//   - the date comes before the archival reference and the translator after
//     it, as in the data model's example; the style puts the translator
//     first.
//   - the reference starts with the repository, the convention for Russian
//     and Chinese archives and the data model's example; CMOS 18 14.127 (and
//     the style) start from the most specific part and end with the
//     repository.
//   - the archive's name stands before the URL as the database the document
//     was read in; the style has no slot for it (CSL "source" is not
//     printed).
//   - an approximate date reads "c. 1950", as on the page; the style prints
//     "[1950?]".
//
// PinpointNote cites one paragraph: "para. N" after the date (the place of
// the style's locator), the label of the text when it is not the first
// ("Russian original, para. 2"), and the paragraph's URL, #pN — the ids the
// page gives the blocks of the text it shows, with ?text=N for another
// text.
//
// # CSL-JSON
//
// CSL returns one item of the CSL 1.0.2 input schema (csl-data.json):
//
//	id, citation-key  Key: "recto" and the Record ID
//	type              "manuscript"
//	title, genre      the title; the document type ("letter")
//	author, recipient the credits in those roles; translator: the translators of the texts and document
//	editor            the credits as editor (a FRUS volume's editors)
//	issued            date-parts, which keep the year wherever there is one, since
//	                  Zotero and citation-js read no other: [[y,m,d]], [[y,m]] or [[y]];
//	                  two for an interval; circa for a date not stated as certain,
//	                  approximate (1950~) or uncertain (1944?, 1945-04?), CSL's one flag
//	                  for both; unspecified digits as the years they span (194X:
//	                  [[1940],[1949]]); season for 1945-21…24; an interval open or
//	                  unknown at one end as its known end plus the display form as
//	                  literal ("until 1930"), which processors print; a literal alone
//	                  only for years before 1 or beyond 9999
//	publisher-place   the place of writing as the document gives it (Zotero's "place")
//	archive           the first source's repository; archive-place its place
//	archive_location  that source's reference parts
//	container-title,  the published volume its parts name (a part of type "volume",
//	number            "Foreign Relations of the United States, 1945, …") and the
//	                  document's number in it (the "document" part)
//	source            the archive's name (the database the item was found in)
//	language          the first language of the original; none when unknown
//	abstract          the summary as plain text
//	keyword           the subject headings, comma-separated
//	note              what has no variable: obtained by, other sources, the original
//	                  classification ("Original classification: Top Secret.")
//	URL, accessed     the permanent URL; Options.Accessed
//
// # RIS
//
// RIS gives the tags Zotero's RIS translator reads for its manuscript
// type (TY MANSCPT), in its export order, lines ending in CRLF:
//
//	TI title             AU authors            A4 translators
//	A2 editors           T2 the published volume the first source's parts name
//	AB summary           CY place of writing   M3 type (manuscriptType)
//	DA date, YYYY/MM/DD/other as the RIS specification writes it and Zotero (and
//	   citation-js) read it slot by slot: "1945/04/22/", "1934/06//", "1936///"
//	   for exact dates; for any other, the parts known of its start (of its end
//	   when the start is open), the years of 194X from 1940, and the display
//	   form as the other information: "1940///1940s", "1945/04//April 1945?",
//	   "1945/04//April–June 1945", "1930///until 1930"; Zotero keeps the year
//	   (a date with no slots, "1940s", it keeps as text, yearless)
//	PY the year, when one year is certain (Zotero uses it only without DA)
//	LA language of the original (none if unknown)   UR permanent URL   Y2 access date
//	AN archival location (archiveLocation)      DB repository (archive)
//	DP the archive's name (libraryCatalog)      KW subject headings
//	N1 recipients, obtained by, other sources, original classification
//	   (Zotero has no recipient for a manuscript)
//
// # BibTeX and biblatex
//
// BibTeX is an @misc entry; biblatex an @letter for a letter (standard
// styles print it as @misc) and an @misc with a type otherwise. Both are
// keyed Key(d), brace names not stored "Family, Given" whole, and escape
// TeX's special characters (# $ % & _ { } ~ ^ \; en and em dashes as -- and
// ---).
//
//	BibTeX    author, title (double-braced against case changes), year and month
//	          (macro) for exact dates, else year is the display form; howpublished the
//	          archive; note the type, the full date, the reference, translators,
//	          recipients, obtained by, other sources, classification; url, urldate
//	biblatex  author, title, type, date (EDTF level 1, which biblatex reads: 1950~,
//	          1934-06, 1945-04/1945-06, 194X, 1944?; "1945/" for an open end; left out,
//	          and given in addendum, for an open start), translator, origlanguage (the
//	          original's language: styles print "translated from the Russian"),
//	          location (the place of writing), library (repository and reference),
//	          howpublished (the archive), addendum (recipients, obtained by, other
//	          sources, classification), url, urldate, keywords
//
// # Page metadata
//
// MetaTags gives the Highwire Press tags Zotero's Embedded Metadata
// translator (and Google Scholar, Mendeley…) reads: citation_title,
// citation_author, citation_date (the document's date: not
// citation_publication_date, which would claim it was published then; ISO
// 8601 when exact, else the display form, whose year Zotero finds, "c.
// 1950", "April–June 1945", but unspecified digits as the years they span,
// "1940–1949", since Zotero finds no year in "1940s"), citation_public_url,
// citation_language (the original's; none when unknown),
// citation_abstract, citation_keywords. Highwire has no tag for an archive
// or a translator; Zotero's translator passes every meta tag with a known
// prefix to its RDF translator, which sets any Zotero field from the z:
// namespace, so z.itemType "manuscript", z.manuscriptType, z.archive (the
// repository, also for a legacy reference), z.archiveLocation, z.place and
// z.translators carry the rest. Its Embedded Metadata translator keeps only
// the citation_author names when there are any, so z.translators reaches
// Zotero only for a document with no author; the RIS download carries them
// always.
//
// Pages give no COinS span: Zotero's COinS translator ranks before Embedded
// Metadata (priority 310 against 320) and OpenURL has no key for an
// archive, so with a span the connector saved documents without their
// archive fields.
//
// ISO8601 gives a date in plain ISO 8601 for metadata that takes no EDTF
// (schema.org dateCreated): "1945-04/1945-06", "1940/1949" for 194X.
package cite
