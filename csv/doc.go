// Package csv reads and writes documents as CSV, one document a row, for
// editors who work in spreadsheets. docs/csv.md documents every column.
//
// Decode reads a file row by row into records of the keyed corpus
// (package corpus), which the corpus importer matches against the archive
// as they come: documents by source_id (or, without one, by id),
// authorities by identifier or exact name, created when missing. A
// document carries only its file's columns: an import leaves the fields of
// other columns alone (recto.FieldSet). Read collects a file's records into
// a whole corpus. Write exports documents from a store in a fixed column
// order that Read reads back; it guards cells a spreadsheet would run as
// formulas with an apostrophe, which Read removes.
//
// # Cells
//
// A header row names the columns, in any order; an unknown column, or a
// file with neither a source_id nor an id column, is an error. Every cell
// is trimmed. Cells that hold several values separate them with "|"; "\|"
// is a literal bar and "\\" a literal backslash in such cells. A cell
// holds at most MaxCell bytes and a row MaxRow.
//
// A cell that names an authority holds, for each value:
//
//	Stalin, Joseph          a person (agents) or a place, by exact name;
//	                        created when the archive has none of that name
//	org:Sample Foundation   an organisation, by exact name (agent columns)
//	viaf:102333412          the agent or place with that identifier (viaf,
//	                        wikidata, geonames, lcnaf, isni, orcid): must exist
//	#123                    the record with that Record ID: must exist
//
// Repositories are named by short name or #id; collections by #id or by
// their path of titles from the top, "Parent > Child"; subjects by heading,
// "China--Foreign relations". In the corpus, a named authority gets a key
// of its own and its name; one named by identifier or #id gets the
// identifier or ID and no name, which the importer takes to mean that it
// must exist.
//
// An archival reference is a list of parts, each "type=value", with the
// type's standard label ("fond=R-9401ss" is Fond R-9401ss), or
// "type(Label)=value" with an explicit one ("fond(F.)=R-9401ss"); media are
// "media/type(Label)=URL".
//
// # Errors
//
// Read checks what it can without the archive (header, required cells,
// EDTF dates, language tags, kinds, methods, statuses, ids, cell syntax) and
// reports each problem as an *Error naming the file, line, column and
// field: `docs.csv:7: column "date": "1945-13" is not an EDTF date: …`.
package csv
