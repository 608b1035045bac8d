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
//     without parts gives its legacy citation string as written.
//   - the date: edtf.Date.Display, never a day the EDTF value does not have
//     ("June 1934", "c. 1950", "April–June 1945"); "n.d." when undated.
//   - names: a person stored "Family, Given" is split into family and given
//     where a format has the two; any other name is given whole, as
//     written, because "Alihan Tore" or "Mao Zedong" does not say which part
//     is the family name.
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
//
//	note:         [Authors, ]“Title,” Date, Reference[; Reference], obtained by Names, trans. Names, Archive, URL.
//	bibliography: [Authors. ]“Title.” Date. Reference. [Reference. ]Obtained by Names. Translated by Names. Archive. URL.
//
// Choices where the CSL style would differ, and why:
//
//   - the authors are left out when the title names every one of them, as
//     the archive's descriptive titles do ("Letter from Alihan Tore to …");
//     otherwise they lead, the first inverted in a bibliography only when
//     stored "Family, Given". The CSL style always repeats them, and adds the
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
//	author, recipient the credits in those roles; translator: the translators of the texts
//	issued            date-parts [[y,m,d]], [[y,m]] or [[y]]; two for an interval; circa
//	                  for an approximate date ("1950~"); season for 1945-21…24; a literal
//	                  in the display form for what CSL cannot structure: uncertain
//	                  dates (1944?), unspecified digits (194X), open or unknown ends,
//	                  an interval with one approximate end
//	publisher-place   the place of writing as the document gives it (Zotero's "place")
//	archive           the first source's repository; archive-place its place
//	archive_location  that source's reference parts
//	source            the archive's name (the database the item was found in)
//	language          the first language of the original
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
//	AB summary           CY place of writing   M3 type (manuscriptType)
//	DA date: "1945/04/22/", "1934/06//", "1936///" for exact dates, which Zotero
//	   reads slot by slot; any other date in its display form ("c. 1950"), which
//	   has no "/" and so is kept as written
//	PY the year, when one year is certain (Zotero uses it only without DA)
//	LA language of the original   UR permanent URL   Y2 access date
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
// # COinS and page metadata
//
// COinS gives an OpenURL ContextObject in the Dublin Core format: rft.type
// "manuscript" (Zotero takes a Zotero item type there), rft.title,
// rft.creator (authors), rft.contributor (translators), rft.date (ISO 8601
// when exact, else the display form), rft.identifier (URL), rft.language,
// rft.description (summary), rft.subject (headings), rft.source (the
// archival references: the resource the document is derived from),
// rft.publisher (the archive), rft.rights.
//
// MetaTags gives the Highwire Press tags Zotero's Embedded Metadata
// translator (and Google Scholar, Mendeley…) reads: citation_title,
// citation_author, citation_date (the document's date: not
// citation_publication_date, which would claim it was published then),
// citation_public_url, citation_language, citation_abstract,
// citation_keywords. Highwire has no tag for an archive; Zotero's
// translator passes every meta tag with a known prefix to its RDF
// translator, which sets any Zotero field from the z: namespace, so
// z.itemType "manuscript", z.manuscriptType, z.archive, z.archiveLocation
// and z.place carry the rest. Two limits of Zotero's translators: its
// Embedded Metadata translator keeps only the citation_author names when
// there are any, so z.translators reaches Zotero only for a document with
// no author; and its COinS translator ranks before Embedded Metadata
// (priority 310 against 320) while OpenURL has no key for an archive, so a
// page with both is saved from the COinS span by default (title, creators,
// translators as contributors, date, URL, language, abstract, rights), and
// with the archive fields when the reader picks Embedded Metadata, or
// imports the RIS download, which carries everything.
package cite
