// Package query parses the query language of Recto's search box into a tree
// that the search engine evaluates.
//
// A malformed query never fails. Parse returns the best tree it can build and
// a list of problems, each with an English message fit to show beside the
// results, such as "Missing closing quote: treated the rest as a phrase."
//
// # The query language
//
//	stalin molotov               documents with both words
//	"non-aggression pact"        the exact phrase; “typographic quotes” work too
//	stalin OR molotov            either word; chains work too: a OR b OR c
//	-molotov                     documents without the word
//	-"five-year plan"  -lang:de  exclude a phrase, a field filter…
//	-(kulja OR ghulja)           …or a group
//	stal*                        words beginning with "stal"
//	(kulja OR ghulja) trade      parentheses group items
//	person:stalin                a field filter
//	title:"five-year plan"       a field filter with a phrase
//	date:1944..1949              a date filter
//
// Words are separated by spaces, quotes and parentheses, and may be in any
// script: Москва, 伊宁, قەشقەر. A "-" inside a word, as in Alma-Ata, is part
// of the word. So is a colon, as in 10:30 or R-9401ss:2, unless only Latin
// letters come before it: then it makes a field filter. Words are searched as
// typed; the search engine decides how to match case and word forms.
//
// All items must match. OR, written in upper case, lets either of the items
// on its sides match; a lower-case "or" is an ordinary word. OR binds more
// tightly than the implicit AND, so
//
//	a b OR c d   means   a, and b or c, and d
//
// and parentheses change that: (a b) OR (c d). A "-" directly before a word,
// phrase, field filter or group excludes the documents that match it; two
// exclusions cancel out, so -(-a) is a. A "*" at the end of a word matches
// every word beginning with what comes before it.
//
// # Field filters
//
// A field name, a colon and a value restrict the search to one field. Field
// names may be written in any case (Person: and PERSON: work). The value is a
// word or a quoted phrase, with no space after the colon; the search engine
// matches it against the names and labels of the field.
//
//	title:           the document's title; title:stal* also works
//	person:          a person linked to the document
//	place:           a place
//	subject:         a subject
//	collection:      a collection
//	repository:      the archive that holds the original
//	lang:            the language of the original
//	translator:      a translator
//	classification:  the security classification of the original
//	type:            the kind of document: letter, telegram, minutes…
//	date:            the document's date, see below
//
// # Dates
//
// A date filter takes a year, a month or a day, or a range of them joined by
// "..", and matches every day from the first day of its start to the last day
// of its end:
//
//	date:1945                  all of 1945
//	date:1945-04               April 1945
//	date:1945-04-22            April 22, 1945
//	date:194X                  the 1940s; a lower-case x works too
//	date:1944..1949            1944 to 1949
//	date:1944-06..1945-02      June 1944 to February 1945
//	date:..1949                up to the end of 1949
//	date:1944..                from the start of 1944
//
// Each side is read as an Extended Date/Time Format (EDTF) date by package
// edtf, so whatever EDTF accepts works, and so does an EDTF interval such as
// date:1944/1949. An invalid date, such as date:1945-13 or date:1950..1940,
// is reported with the reason and the filter is ignored.
//
// # Mistakes
//
// Parse reads a mistyped query as well as it can and reports each mistake:
//
//   - A missing closing quote makes the rest of the query a phrase.
//   - A missing closing parenthesis closes the group at the end of the query;
//     a closing parenthesis with no opening one, empty quotes and empty
//     parentheses are ignored.
//   - OR with nothing on one side is ignored, and so is OR next to an
//     exclusion (-a OR b reads as -a b), since "anything without a" is not a
//     useful alternative.
//   - A "-" with nothing right after it is ignored, and so is a "*" that is
//     alone, in the middle of a word or after a field value other than
//     title's.
//   - An unknown field, as in foo:bar, is searched as ordinary words (foo bar).
//   - A field with nothing after its colon is ignored.
//
// Reported mistakes come once each, in the order of the query, however often
// they occur.
//
// # Limits
//
// Only the first 64 items (words, phrases and filters), the first 1,000
// characters and the first 8,000 bytes are used; the rest is ignored and
// reported. Spaces between items, closing quotes and closing parentheses do
// not count towards the characters, because they are what a query gains when
// it is written out again in canonical form, and the canonical form of a
// query must mean the same query; they count towards the bytes, which bound
// what a query costs to read and to show again. Cut returns the part of a
// query that is used, for showing it back.
//
// # Canonical form
//
// String writes a tree back in the query language, with lower-case field
// names, one space between items, phrases in straight quotes, OR in upper case
// and parentheses only where they are needed. Parsing that text again gives
// the same tree, without problems.
package query
