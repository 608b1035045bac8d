// Package tei reads TEI P5 files into Recto's keyed corpus model
// (package corpus) and writes documents out as TEI.
//
// # Reading
//
// Decode takes one file and gives its records to the importer as it reads
// them (Read collects them into a whole corpus). A file in the FRUS
// namespace, or with a div[@type='document'], is read as Foreign Relations
// of the United States, one document division at a time; anything else as
// one letter described in its header, as the Suriano edition does. Records
// refer only to records before them; IDs, stamps and Document.Status are
// left for the importer. Every date is EDTF and parses with edtf.Parse; a
// missing date stays empty (unknown), a malformed one is an error. Every
// error is an *Error naming file, line and column.
//
// The root must be <TEI>, with nothing after it but comments and
// processing instructions, and each xml:id must name one element. The file
// is UTF-8, UTF-16 or in the encoding of the IANA registry its XML
// declaration names. Elements nest at most MaxDepth deep; one document
// division, a letter's whole file, or the part of a volume before its
// first document holds at most MaxDocumentSize bytes and MaxDocumentNodes
// elements and runs of text. A file may hold any number of documents.
//
// # FRUS
//
//   - Volume: a collection keyed by the volume id (TEI/@xml:id, else
//     idno[@type='frus'], else the split files' bibl[@type='frus-volume-id'],
//     else, for a split file without a header, the nearest directory or file
//     name starting with a volume id: frus1945v07-sinkiang/d730.xml). Its title
//     is title[@type='complete'], else series, sub-series, volume and volume
//     number joined, else (a split file, whose header lacks it) the first line
//     of VolumeTitleFile in the file's directory, else "Foreign Relations of
//     the United States, <id>", which every split file of a volume shares.
//   - Editors: titleStmt/editor elements with a name are agents (by name),
//     credited as editor on every document of the volume.
//   - Every division that holds documents (compilation, chapter, subchapter)
//     is a child collection keyed "<vol>#<xml:id>", titled by its head without
//     the colon, semicolon or comma that led into its documents in print, nor
//     a sentence's final period ("Iran:" → "Iran"; "U.S.S.R." keeps its); notes
//     in the head become its description. Divisions without documents are
//     skipped. A document belongs to its innermost division.
//   - div[@type='document']: one document, key and source id "<vol>/<xml:id>"
//     (frus1936v03/d15, as on history.state.gov). Attachments stay inside it.
//   - Subjects: a split file's header terms of the Office of the Historian's
//     subject taxonomy (textClass/keywords[@scheme='frus-subject-taxonomy']/
//     term: "Propaganda", "Lend-Lease") become subject headings of its
//     document; a whole volume's header describes the volume and gives none.
//   - Title: the head without notes, loosely normalised ("(Atcheson)"), lb as a
//     space; "Document <n>" when empty. Notes in the head go to Text.Notes.
//   - Type: "editorial note" (@subtype), "telegram" (a source note says
//     telegram or cablegram), "memorandum" (the title starts so), else unknown.
//   - Date: the first own dateline's date (the div's, its opener's or closer's,
//     never an attachment's): @when's calendar date as written (a time's
//     offset is not applied), or @notBefore/@notAfter as an interval; without
//     one, frus:doc-dateTime-min/max the same way. WrittenOn is the date's
//     text, WrittenAt the placeName's (lb as a space: the printed comma is
//     already there). A non-Gregorian @calendar adds DateAsWritten.
//   - Place of writing: the placeName's first line or comma-separated part
//     that names no office ("Department of State,<lb/>Washington" is
//     Washington, "Peking, China" is Peking) is a place "frus-place:<name>",
//     found in the archive by name or variant or created. The hand-curated
//     gazetteer frus_places.txt gives the few places of the volumes that have
//     other names their preferred name and variants (Tihwa is Ürümqi, as is
//     Urumqi); any other town is a place of its own name.
//   - Source: the source notes joined by newlines; the parts are the volume
//     (type "volume": the title's series with its comma as the label, the rest
//     as the value, so that it is cited "Foreign Relations of the United
//     States, 1945, The Far East, China, Volume VII"), the document number
//     ("Document") and the page the document starts on ("p.", the last pb
//     before it or at its very start).
//   - Classification: "Strictly Confidential", "Top Secret", "Secret" or
//     "Confidential" as whole words in the source notes or title, in that order.
//   - Signature: the document's own closer/signed, one per line. The signature
//     is not repeated in the body; the rest of the closer (a salute) is.
//   - Text: one, English; a "translation" when a source note says
//     "Translation" (the original's language is then unknown and Languages
//     is left empty), else a "transcript" and Languages ["en"].
//   - Rights: the header's availability, as Markdown, and its licence URL.
//   - Persons glossary (div[@xml:id='persons'], before the documents, as in
//     FRUS): every entry is an agent "<vol>#<id>" with the printed name and
//     the identification as biography.
//     persName/@corresp in a document credits the person: as author or
//     recipient when the head marks them @type from/to, as author when they
//     sign the document's own closer, otherwise as associated. A corresp that
//     names no glossary entry is an error.
//   - Heading: when no link credits an author (or recipient), the head is read
//     as "X to Y", "Memorandum by X" or "Memorandum by X to Y" (after an old
//     volume's "No. 27."), where a side is an office with the holder's
//     surname in parentheses ("The Ambassador in China (Hurley)"), "Mr." and a
//     name ("Mr. Everett F. Drumright of the Division of Chinese Affairs"), or
//     an office alone ("the Secretary of State"), which credits nobody: an
//     office is a different person from volume to volume. A heading that
//     reads two ways at "to", or has a side of another form, credits nobody.
//     A surname that one glossary entry has ("Francis" for "Francis, David
//     R.") is that person; any other name is an agent "frus-name:<name>", found
//     by name across documents and volumes.
//
// # Letters (generic TEI, the Suriano edition)
//
// One file is one document. Its key and source id are "<prefix>/<filza>/
// <letterno>" from msIdentifier's idno elements, where the prefix is the
// lower-cased surname of titleStmt/author ("suriano/02/004"); an untyped idno
// stands in for letterno, and the file name without extension for both. The
// filza is a collection ("suriano/02", "Dispatches of Christofforo Suriano,
// filza 2"). From correspDesc: the title "Letter from <sender> to
// <recipient>, <place>, 16 July 1616", the summary (its note), the date, the
// date and place as written, and credits: sender as author, recipient as
// recipient. Agents are keyed by @ref ("bio.xml#cs", also kept as an
// identifier) or by name; names with Senate, Senato, Council, Consiglio,
// Collegio, Signoria or States General are organisations. titleStmt/editor
// credits each text as editor. The institution is a repository (short name
// and key from the shelf mark's first part: "ASVe", "asve"); the source has
// the series, the filza and the folios ("cc.") and the shelf mark as its note.
//
// Texts: one per language, all transcripts. The letter's language (an
// xml:lang in force, else guessed from its words) comes first, with the
// letter, its secretarial notes ("# Secretarial notes") and the attachments
// in that language ("# Attachment I"), in file order; each other language
// an attachment is in gets a text of its own. Document.Languages lists the
// texts' languages. The guess counts stop words of Italian, French, Latin,
// German, Spanish and English (words several share are left out) and takes
// the language with the most if it has at least three and no tie; otherwise
// the letter's language. ptr/@target gives footnotes from the notes division
// (without the repeated number); metamark/@facs gives an italic remark
// "*[Blank page]*"; division heads ("main text of letter") are left out.
//
// # Markdown
//
// Bodies are Markdown for goldmark with GFM tables and footnotes:
//
//   - Paragraphs are separated by blank lines; Markdown syntax in the text is
//     escaped, so editorial brackets ("[Received April 1.]") stay literal.
//   - hi rend="italic" (and Suriano's "decoded") is *emphasis*; other
//     renditions are plain. lb is a hard line break (backslash, newline) in
//     running text and a space in titles, headings and table cells.
//   - Notes are footnotes labelled by their xml:id ([^d4fn1]), defined after
//     the body; later paragraphs of a note are indented four spaces.
//   - pb is a page marker where the break is: [[page p. 1002]], or for a
//     folio side [[page f. 71r]]. Markers at the very end of a body are
//     dropped, since the page they open belongs to what follows.
//   - Lists are paragraphs starting with their labels ("1. …"), so that they
//     keep paragraph numbers; tables are GFM pipe tables (the first row is the
//     header when all its cells are labels, else the header is empty; spans
//     are followed by empty cells); block quotations are "> " quotes.
//   - A FRUS attachment is a section: "# <head>" ("# Enclosure" when the
//     head is empty; "##" for an attachment's attachment; headings drop the
//     italics FRUS sets heads in), its source notes in italics, then its
//     dateline, paragraphs and closer (signatures included) as paragraphs.
//
// Whitespace is collapsed. Whitespace next to markup is dropped after an
// opening bracket and before closing punctuation, so that pretty-printed
// "( <persName>Atcheson</persName> )" reads "(Atcheson)"; whitespace inside
// text is kept.
package tei
