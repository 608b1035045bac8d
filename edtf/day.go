package edtf

import (
	"fmt"
)

// Day is a calendar day counted as days since 1970-01-01 in the proleptic
// Gregorian calendar, negative before. Years are astronomical: year 0 is
// 1 BCE. Days order and subtract like integers, which is what range filters
// and sorting need.
type Day int64

// DayOf returns the day of the given year, month and day of month. Like
// time.Date it normalises values outside their usual ranges instead of
// failing: month 13 of 1999 is January 2000, and day 0 is the last day of the
// previous month. Results are exact for years within ±10¹⁵.
func DayOf(year int64, month, day int) Day {
	year, month = normaliseMonth(year, month)
	// Count from March 1 so that the leap day falls at the end of a year,
	// which makes the length of the months before a given one a linear
	// formula (H. Hinnant's days_from_civil).
	y := year
	if month <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yearOfEra := y - era*400
	monthFromMarch := int64((month + 9) % 12)
	dayOfYear := (153*monthFromMarch + 2) / 5
	dayOfEra := yearOfEra*365 + yearOfEra/4 - yearOfEra/100 + dayOfYear
	return Day(era*146097 + dayOfEra - epochShift + int64(day) - 1)
}

// epochShift is the number of days from 0000-03-01 to 1970-01-01.
const epochShift = 719468

// Date returns the year, month (1–12) and day of month (1–31) of d.
func (d Day) Date() (year int64, month, day int) {
	z := int64(d) + epochShift
	era := floorDiv(z, 146097)
	dayOfEra := z - era*146097
	yearOfEra := (dayOfEra - dayOfEra/1460 + dayOfEra/36524 - dayOfEra/146096) / 365
	dayOfYear := dayOfEra - (365*yearOfEra + yearOfEra/4 - yearOfEra/100)
	monthFromMarch := (5*dayOfYear + 2) / 153
	day = int(dayOfYear - (153*monthFromMarch+2)/5 + 1)
	month = int(monthFromMarch+2)%12 + 1
	year = yearOfEra + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// String returns d in ISO 8601 form: "1945-04-22", "-0044-03-15",
// "12345-01-01". Years have at least four digits and a minus sign when
// negative.
func (d Day) String() string {
	year, month, day := d.Date()
	sign := ""
	if year < 0 {
		sign, year = "-", -year
	}
	return fmt.Sprintf("%s%04d-%02d-%02d", sign, year, month, day)
}

// DaysIn returns the number of days in the given month of the given year,
// with months outside 1–12 normalised as in DayOf.
func DaysIn(year int64, month int) int {
	year, month = normaliseMonth(year, month)
	switch {
	case month == 2 && isLeap(year):
		return 29
	case month == 2:
		return 28
	case month == 4 || month == 6 || month == 9 || month == 11:
		return 30
	}
	return 31
}

// YearSpan returns the first and last day of a year.
func YearSpan(year int64) (first, last Day) {
	return DayOf(year, 1, 1), DayOf(year, 12, 31)
}

// MonthSpan returns the first and last day of a month, with months outside
// 1–12 normalised as in DayOf.
func MonthSpan(year int64, month int) (first, last Day) {
	return DayOf(year, month, 1), DayOf(year, month, DaysIn(year, month))
}

func isLeap(year int64) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// normaliseMonth carries months outside 1–12 into the year.
func normaliseMonth(year int64, month int) (int64, int) {
	carry := floorDiv(int64(month)-1, 12)
	return year + carry, int(int64(month) - 1 - carry*12 + 1)
}

// floorDiv divides rounding towards negative infinity, as calendar
// arithmetic before year 0 needs.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
