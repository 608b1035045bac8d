package edtf

import (
	"fmt"
	"strconv"
)

var monthNames = [...]string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

var seasonNames = [...]string{"Spring", "Summer", "Autumn", "Winter"}

// Display returns d in English for readers, following the rules in the
// package documentation: "April 22, 1945", "c. 1950", "1940s",
// "April–June 1945", "1945 onwards". It returns "" for the zero Date.
func (d Date) Display() string {
	if !d.IsInterval() {
		return d.start.display()
	}
	a, b := d.start, d.end
	switch {
	case a.kind == endOpen:
		return "until " + b.display()
	case b.kind == endOpen:
		return a.display() + " onwards"
	case a.kind == endUnknown:
		return "unknown–" + b.display()
	case b.kind == endUnknown:
		return a.display() + "–unknown"
	case a == b:
		return a.display()
	}
	if s, ok := collapse(a, b); ok {
		return s
	}
	return a.display() + "–" + b.display()
}

// collapse writes the year, and the month, shared by two ends once. Only
// unqualified calendar months and days qualify, so that no mark or
// unspecified part ends up seeming to cover both ends.
func collapse(a, b point) (string, bool) {
	if a.qual != qualNone || b.qual != qualNone || a.year != b.year ||
		a.prec != b.prec || !a.isCalendar() || !b.isCalendar() {
		return "", false
	}
	year := yearText(a.year)
	from, to := monthNames[a.month-1], monthNames[b.month-1]
	switch {
	case a.prec == precMonth:
		return fmt.Sprintf("%s–%s %s", from, to, year), true
	case a.month == b.month:
		return fmt.Sprintf("%s %d–%d, %s", from, a.day, b.day, year), true
	}
	return fmt.Sprintf("%s %d–%s %d, %s", from, a.day, to, b.day, year), true
}

// isCalendar reports whether p is a fully specified month or day.
func (p point) isCalendar() bool {
	switch p.prec {
	case precMonth:
		return p.month != 0
	case precDay:
		return p.month != 0 && p.day != 0
	}
	return false
}

func (p point) display() string {
	s := p.displayUnqualified()
	switch p.qual {
	case qualUncertain:
		return s + "?"
	case qualApproximate:
		return "c. " + s
	case qualBoth:
		return "c. " + s + "?"
	}
	return s
}

// displayUnqualified writes the known parts only: 1945-04-XX is April 1945.
func (p point) displayUnqualified() string {
	switch {
	case p.kind != endDate:
		return ""
	case p.yearX > 0:
		return decadeText(p)
	case p.prec == precYear || p.month == 0:
		return yearText(p.year)
	case p.prec == precSeason:
		return seasonNames[p.month-21] + " " + yearText(p.year)
	case p.prec == precMonth || p.day == 0:
		return monthNames[p.month-1] + " " + yearText(p.year)
	}
	s := fmt.Sprintf("%s %d, %s", monthNames[p.month-1], p.day, yearText(p.year))
	if p.prec == precSecond {
		s += fmt.Sprintf(", %02d:%02d:%02d%s", p.hour, p.minute, p.second, p.zoneText())
	}
	return s
}

// decadeText writes 194X as "1940s" and 19XX as "1900s". Ranges starting at
// year 0 would read "0s", so they are written as a range instead.
func decadeText(p point) string {
	if p.year > 0 {
		return strconv.FormatInt(p.year, 10) + "s"
	}
	first, last := p.span()
	firstYear, _, _ := first.Date()
	lastYear, _, _ := last.Date()
	return yearText(firstYear) + "–" + yearText(lastYear)
}

// yearText writes astronomical years as historians do: year 0 is 1 BCE.
func yearText(year int64) string {
	if year > 0 {
		return strconv.FormatInt(year, 10)
	}
	return strconv.FormatInt(1-year, 10) + " BCE"
}

func (p point) zoneText() string {
	switch p.zone {
	case zoneUTC:
		return " UTC"
	case zoneOffset:
		return " UTC" + p.zoneString()
	}
	return ""
}
