// Package edtf parses, validates, formats and measures dates written in the
// Extended Date/Time Format (EDTF) of the Library of Congress, which ISO
// 8601-2:2019 adopted. It supports levels 0 and 1 of the specification
// (https://www.loc.gov/standards/datetime/) and nothing of level 2.
//
// # Syntax
//
// Level 0:
//
//	1985, 1985-04, 1985-04-12           year, month, day
//	1985-04-12T23:20:30                 local date and time
//	1985-04-12T23:20:30Z                UTC
//	1985-04-12T23:20:30+04:30           time shift (also ±hh, written back as ±hh:00)
//	1964/2008, 2004-02-01/2005-02       intervals of dates at any precision
//
// Level 1:
//
//	Y170000002, Y-170000002             years of more than four digits
//	-1985                               negative years; 0000 is 1 BCE
//	2001-21 … 2001-24                   Spring, Summer, Autumn, Winter
//	1984?, 2004-06~, 2004-06-11%        uncertain, approximate, both
//	201X, 20XX, 2004-XX, 1985-04-XX, 1985-XX-XX   unspecified digits
//	../1985, 1985/.., /1985, 1985/      open and unknown interval ends
//	1984~/2004-06, 2004-06~/2004-08%    qualified ends; X digits and seasons work too
//
// Every other input, level 2 syntax included, fails with a *ParseError that
// names the offending part and its byte offset. Lower-case letters are refused
// because the specification uses upper case only.
//
// Where the specification leaves room, the package decides as follows:
//
//   - Seasons are northern-hemisphere meteorological seasons: Spring is March
//     to May, Summer June to August, Autumn September to November, and Winter
//     of a year runs from December of that year to the end of February of the
//     next. Codes 25 to 41 belong to level 2 and are refused.
//   - Seasons and Y-prefixed years may carry a qualifier like any date.
//   - Hour 24 and leap seconds are refused: 24:00:00 is the same instant as
//     00:00:00 of the next day, and one spelling per instant keeps values
//     comparable.
//   - A time may follow only a complete date, cannot be qualified, and cannot
//     be an interval end, because the specification's intervals join dates.
//   - Unspecified digits in negative years (-198X) are refused: the
//     specification gives them no meaning, and "-0000" is refused in favour of
//     0000.
//   - Years are capped at ±999,999,999 so that no arithmetic can overflow.
//
// # Dates as people write them
//
// ParseLenient reads a string that Parse refuses by a closed grammar of the
// ways archives write dates, in English, and says it did so, so that an
// importer can report each such reading. Case, surrounding and repeated
// spaces do not matter; anything else outside the grammar is an error.
//
//	1945-4-2, 1945-4                          ISO with a one-digit month or day
//	22.04.1945, 1.4.1945                      day.month.year, the dotted form
//	June 1934, Jun 1934, Sept. 1934           a month (English names, three-letter
//	                                          abbreviations with or without ".", "Sept")
//	22 April 1945, 22nd Apr. 1945             a day
//	April 22, 1945, Apr 22nd 1945             a day, month first
//	spring 1945, autumn/fall 1945             a season (1945-21, 1945-23)
//	1940s, 1940's                             a decade (194X)
//	c. 1950, c1950, ca. 1950, ca 1950, circa 1950   approximate (1950~)
//	?1945, 1945?                              uncertain; c. 1945? is both (1945%)
//	undated, n.d., nd, no date, s.d.          no date: the zero Date
//
// Two dates joined by a dash (-, – or —, with or without spaces) or "to" are
// a range, an interval: 1944–1949, April–June 1945, December 1944–February
// 1945, 22–25 April 1945, April 22–25, 1945, April 22–May 3, 1945. The first
// date takes the year it leaves out from the second, and the second a
// month it leaves out from the first. A qualifier belongs to the date it is
// written next to: "c. 1944–1949" is 1944~/1949.
//
// Forms whose meaning the writer's conventions decide are refused with the
// EDTF forms they may have: 04/22/1945 and 22/04/1945 (the order of day and
// month is not known: the dotted form is read day first because it is
// written so wherever it is used, in Russian and German archives among
// others), 1944–49 (write 1944/1949), 1900s (the decade 190X or the
// century 19XX). Two-digit years are never read. A string that reads two
// ways is refused as ambiguous. A string written in EDTF's characters that
// Parse refuses gets Parse's error ("month 13 is out of range"); one with
// a word the grammar lacks, such as a misspelt or non-English month, names
// the word.
//
// # Ranges
//
// Earliest and Latest give the first and last calendar day the stated value
// covers: a year spans January 1 to December 31, a month its days, 201X the
// years 2010 to 2019, 20XX 2000 to 2099, 2004-XX all of 2004, 1985-04-XX all
// of April 1985, a season its three months, a date and time its calendar day
// whatever the time shift. Qualifiers do not widen the range: it is that of
// the date as stated, since how far "approximately" reaches is a matter for
// the reader; the qualifier is shown, not guessed. An interval runs from the
// earliest day of its start to the latest day of its end; an open or unknown
// end has no day.
//
// # Display
//
// Display renders a date in English for readers:
//
//	1945-04-22 → April 22, 1945       1934-06 → June 1934      1936 → 1936
//	1945-21 → Spring 1945             0000 → 1 BCE             -0044 → 45 BCE
//	194X → 1940s                      19XX → 1900s             (the first year, then "s")
//	1945-XX, 1945-XX-XX → 1945        1945-04-XX → April 1945  (known parts only)
//	1950~ → c. 1950                   1945-04? → April 1945?   1945% → c. 1945?
//	1985-04-12T23:20:30+05:00 → April 12, 1985, 23:20:30 UTC+05:00
//
// Interval ends are joined with an en dash and no spaces. When both ends are
// unqualified, fully specified calendar months, or such days, of the same
// year, the shared parts are written once: "April–June 1945", "April 22–25, 1945",
// "April 22–May 3, 1945". Otherwise each end is written in full with its own
// marks ("December 1944–February 1945", "1944–June 1945", "c. 1944–1946",
// "1944–1946?"), because collapsing a qualified end would make its mark seem
// to cover the other end too. Identical ends are written once. Open ends read
// "until 1945" and "1945 onwards"; unknown ends "unknown–1945" and
// "1945–unknown".
package edtf
