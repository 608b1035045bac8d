package cite

import (
	"strings"

	"github.com/recto-archive/recto"
)

// RIS returns the document as one RIS record, lines ending in CRLF as the
// format asks, with the tags Zotero's RIS translator reads for a
// manuscript; see the package documentation for the mapping.
func RIS(d *recto.Document, o Options) string {
	var b strings.Builder
	tag := func(t, v string) {
		v = oneLine(v)
		if v == "" {
			return
		}
		b.WriteString(t + "  - " + v + "\r\n")
	}
	repo, loc, src := archiveOf(d)
	date := splitDate(d.Date)
	b.WriteString("TY  - MANSCPT\r\n")
	tag("TI", d.Title)
	for _, a := range d.CreditsIn(recto.RoleAuthor) {
		tag("AU", invertedName(a))
	}
	for _, a := range d.Translators() {
		tag("A4", invertedName(a))
	}
	for _, a := range d.CreditsIn(recto.RoleEditor) {
		tag("A2", invertedName(a))
	}
	volume, _ := published(src)
	tag("T2", volume)
	tag("AB", plain(d.Summary))
	tag("CY", d.WrittenAt)
	tag("DA", date.ris())
	if y, ok := date.year(); ok {
		tag("PY", fourDigits(y))
	}
	tag("LA", language(d))
	tag("M3", d.Type)
	tag("UR", o.URL(d))
	tag("AN", loc)
	tag("DB", repo)
	tag("DP", o.archive())
	if !o.Accessed.IsZero() {
		tag("Y2", o.Accessed.UTC().Format("2006/01/02/"))
	}
	for _, n := range notes(d, src) {
		tag("N1", n)
	}
	for _, s := range d.Subjects {
		tag("KW", s.Heading)
	}
	b.WriteString("ER  - \r\n")
	return b.String()
}

// invertedName writes a name as RIS and a bibliography ask, "Family, Given",
// when its sort name is so;
// otherwise as written (Zotero then keeps it in one field).
func invertedName(a *recto.Agent) string {
	if family, given, ok := personName(a); ok {
		return family + ", " + given
	}
	return a.Name
}

func fourDigits(y int64) string {
	s := "000" + strings.TrimLeft(itoa(y), "-")
	return s[len(s)-4:]
}
