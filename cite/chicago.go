package cite

import (
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
)

// Note returns the Chicago full note for document d, for the reference
// letter:
//
//	“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin,” April 22, 1945, GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359, obtained by Jamil Hasanli, trans. Gary Goldberg, Recto, https://archive.example.org/documents/1.
func Note(d *recto.Document, o Options) string {
	return note(d, o, Pinpoint{})
}

// Pinpoint names a paragraph of one of a document's texts, as its page
// numbers them: Paragraph is the N of the id "pN" (every block of a text is
// numbered, headings and lists too), Text the N of "?text=N", the place of
// the text in the page's reading order; 0 and 1 both mean the text the page
// shows first.
type Pinpoint struct {
	Text      int
	Paragraph int
}

// PinpointNote returns the Chicago note citing one paragraph: "para. 3"
// after the date, and the URL of the paragraph (…/documents/1#p3, or
// …/documents/1?text=2#p3 for another text, whose label the note gives
// too). It is Note when p names no paragraph.
func PinpointNote(d *recto.Document, o Options, p Pinpoint) string {
	return note(d, o, p)
}

// ParagraphURL returns the URL of the paragraph p names, "" without a
// BaseURL.
func (o Options) ParagraphURL(d *recto.Document, p Pinpoint) string {
	u := o.URL(d)
	if u == "" || p.Paragraph <= 0 {
		return u
	}
	if p.Text > 1 {
		u += "?text=" + strconv.Itoa(p.Text)
	}
	return u + "#p" + strconv.Itoa(p.Paragraph)
}

func note(d *recto.Document, o Options, pin Pinpoint) string {
	var parts []string
	if a := d.CreditsIn(recto.RoleAuthor); len(a) > 0 && !namedIn(d.Title, a) {
		parts = append(parts, chicagoList(displayNames(a)))
	}
	parts = append(parts, quotedTitle(d.Title, ","))
	parts = append(parts, splitDate(d.Date).chicago())
	if pin.Paragraph > 0 {
		locator := "para. " + strconv.Itoa(pin.Paragraph)
		if label := textLabel(d, pin.Text); label != "" && pin.Text > 1 {
			locator = label + ", " + locator
		}
		parts = append(parts, locator)
	}
	// Sources are separated by semicolons, since each has commas of its own.
	var refs []string
	for _, s := range d.Sources {
		if ref := CitedReference(s); ref != "" {
			refs = append(refs, ref)
		}
	}
	if len(refs) > 0 {
		parts = append(parts, strings.Join(refs, "; "))
	}
	// A document's editors are those of the volume that prints it (FRUS).
	if ed := d.CreditsIn(recto.RoleEditor); len(ed) > 0 {
		parts = append(parts, "ed. "+chicagoList(displayNames(ed)))
	}
	if ob := d.CreditsWithRole(recto.RoleObtainedBy); len(ob) > 0 {
		parts = append(parts, "obtained "+byPhrase(ob, chicagoList))
	}
	switch tr := d.TranslatorCredits(); {
	case madeFor(tr):
		parts = append(parts, "translated "+byPhrase(tr, chicagoList))
	case len(tr) > 0:
		parts = append(parts, "trans. "+chicagoList(displayNames(d.Translators())))
	}
	parts = append(parts, o.archive())
	if u := o.ParagraphURL(d, pin); u != "" {
		parts = append(parts, u)
	}
	// The title's closing quotation mark carries the comma (or its own ? or
	// !), so it is joined with a space only.
	s := parts[0]
	for _, p := range parts[1:] {
		if strings.HasSuffix(s, "”") {
			s += " " + p
		} else {
			s += ", " + p
		}
	}
	return sentence(s)
}

// Bibliography returns the Chicago bibliography entry for document d, for
// the reference letter:
//
//	“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin.” April 22, 1945. GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359. Obtained by Jamil Hasanli. Translated by Gary Goldberg. Recto. https://archive.example.org/documents/1.
func Bibliography(d *recto.Document, o Options) string {
	var sentences []string
	if a := d.CreditsIn(recto.RoleAuthor); len(a) > 0 && !namedIn(d.Title, a) {
		names := displayNames(a)
		names[0] = invertedName(a[0]) // the first name inverted, from its sort name
		list := chicagoList(names)
		if len(names) == 2 && strings.Contains(names[0], ",") {
			list = names[0] + ", and " + names[1] // "Molotov, Vyacheslav, and …"
		}
		sentences = append(sentences, list)
	}
	sentences = append(sentences, quotedTitle(d.Title, "."))
	sentences = append(sentences, splitDate(d.Date).chicago())
	for _, s := range d.Sources {
		if ref := CitedReference(s); ref != "" {
			sentences = append(sentences, capitalize(ref))
		}
	}
	if ed := d.CreditsIn(recto.RoleEditor); len(ed) > 0 {
		sentences = append(sentences, "Edited by "+chicagoList(displayNames(ed)))
	}
	if ob := d.CreditsWithRole(recto.RoleObtainedBy); len(ob) > 0 {
		sentences = append(sentences, "Obtained "+byPhrase(ob, chicagoList))
	}
	if tr := d.TranslatorCredits(); len(tr) > 0 {
		sentences = append(sentences, "Translated "+byPhrase(tr, chicagoList))
	}
	sentences = append(sentences, o.archive())
	if u := o.URL(d); u != "" {
		sentences = append(sentences, u)
	}
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.HasSuffix(s, "”") {
			b.WriteString(s)
			continue
		}
		b.WriteString(sentence(s))
	}
	return b.String()
}

// quotedTitle returns the title in quotation marks with the punctuation
// that follows it inside them, American style: “Title,” or “Title.”; a
// title ending in ? or ! keeps its own mark instead. Quotation marks within
// the title become curly single ones (CMOS 13.30, 14.94): “Comments on
// ‘The Long Telegram,’” with the comma inside both.
func quotedTitle(title, punct string) string {
	title = innerQuotes(strings.TrimSpace(title))
	// The closing marks of inner quotations, but not an apostrophe ending
	// a possessive ("Soldiers’"), follow the punctuation.
	body := title
	for n := strings.Count(title, "‘"); n > 0 && strings.HasSuffix(body, "’"); n-- {
		body = strings.TrimSuffix(body, "’")
	}
	switch {
	case strings.HasSuffix(body, "?"), strings.HasSuffix(body, "!"):
		return "“" + title + "”"
	case strings.HasSuffix(body, ".") && punct == ".":
		return "“" + title + "”"
	}
	return "“" + body + punct + title[len(body):] + "”"
}

// innerQuotes makes a title's quotation marks those of a quotation within
// a quotation: double marks, straight or curly, become curly single ones,
// and straight single marks and apostrophes become curly. A straight mark
// opens after a space or an opening bracket or dash, and closes elsewhere.
func innerQuotes(title string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range title {
		switch r {
		case '"', '\'':
			if strings.ContainsRune(" \t([{—–-/‘“", prev) {
				r = '‘'
			} else {
				r = '’'
			}
		case '“':
			r = '‘'
		case '”':
			r = '’'
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// namedIn reports whether the title names every agent already, as the
// archive's descriptive titles do ("Letter from Alihan Tore to …"): the
// citation then does not repeat them before it.
func namedIn(title string, agents []*recto.Agent) bool {
	t := strings.ToLower(title)
	for _, a := range agents {
		if !strings.Contains(t, strings.ToLower(a.Name)) {
			return false
		}
	}
	return true
}

// textLabel returns the label of the nth text in reading order ("Russian
// original"), "" when there is none.
func textLabel(d *recto.Document, n int) string {
	order := d.ReadingOrder()
	if n < 1 || n > len(order) {
		return ""
	}
	return d.Texts[order[n-1]].Label()
}

// chicagoList joins names as Chicago does, with a serial comma: "A", "A and
// B", "A, B, and C".
func chicagoList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// capitalize upper-cases the first letter, for a bibliography sentence that
// starts with a lower-case label ("f. 17" → "F. 17").
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
