package http

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// Browsable years: the calendar years that have a four-digit period path.
const (
	firstBrowsableYear = 0
	lastBrowsableYear  = 9999
)

// period is a span of the date browser: a decade, a year or a month.
type period struct {
	Label string // "1940s", "1945", "April 1945"
	Path  string // "/dates/1940s"
	Days  recto.DayRange
	Count int
}

func decadePeriod(decade int64) period {
	from, _ := edtf.YearSpan(decade)
	_, to := edtf.YearSpan(decade + 9)
	label := fmt.Sprintf("%ds", decade)
	return period{Label: label, Path: "/dates/" + label, Days: recto.DayRange{From: from, To: to}}
}

func yearPeriod(year int64) period {
	from, to := edtf.YearSpan(year)
	label := strconv.FormatInt(year, 10)
	return period{Label: label, Path: "/dates/" + label, Days: recto.DayRange{From: from, To: to}}
}

func monthPeriod(year int64, month int) period {
	from, to := edtf.MonthSpan(year, month)
	return period{Label: fmt.Sprintf("%s %d", time.Month(month), year),
		Path: fmt.Sprintf("/dates/%d-%02d", year, month), Days: recto.DayRange{From: from, To: to}}
}

var (
	decadePath = regexp.MustCompile(`^(\d{3}0)s$`)
	yearPath   = regexp.MustCompile(`^\d{4}$`)
	monthPath  = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)
)

// parsePeriod reads a period path segment with its broader periods and the
// narrower ones to list. ENOTFOUND for anything else.
func parsePeriod(s string) (p period, trail []period, sub []period, err error) {
	if m := decadePath.FindStringSubmatch(s); m != nil {
		decade, _ := strconv.ParseInt(m[1], 10, 64)
		for y := decade; y < decade+10; y++ {
			sub = append(sub, yearPeriod(y))
		}
		return decadePeriod(decade), nil, sub, nil
	}
	if yearPath.MatchString(s) {
		year, _ := strconv.ParseInt(s, 10, 64)
		for m := 1; m <= 12; m++ {
			sub = append(sub, monthPeriod(year, m))
		}
		return yearPeriod(year), []period{decadePeriod(year / 10 * 10)}, sub, nil
	}
	if m := monthPath.FindStringSubmatch(s); m != nil {
		year, _ := strconv.ParseInt(m[1], 10, 64)
		month, _ := strconv.Atoi(m[2])
		return monthPeriod(year, month), []period{decadePeriod(year / 10 * 10), yearPeriod(year)}, nil, nil
	}
	return period{}, nil, nil, recto.Errorf(recto.ENOTFOUND,
		"%q is not a period of the date browser: use a decade (1940s), a year (1945) or a month (1945-04).", s)
}

// countPeriods fills the document count of each period and drops empty ones.
func (s *Server) countPeriods(r *http.Request, ps []period) ([]period, error) {
	ranges := make([]recto.DayRange, len(ps))
	for i, p := range ps {
		ranges[i] = p.Days
	}
	counts, err := s.Catalogue.CountByDates(r.Context(), ranges)
	if err != nil {
		return nil, err
	}
	var out []period
	for i, p := range ps {
		if counts[i] > 0 {
			p.Count = counts[i]
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *Server) handleDateIndex(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var decades []period
	bounds, ok, err := s.Catalogue.DateBounds(ctx)
	if err != nil {
		return err
	}
	if ok {
		first, _, _ := bounds.From.Date()
		last, _, _ := bounds.To.Date()
		first, last = max(first, firstBrowsableYear), min(last, lastBrowsableYear)
		for d := first / 10 * 10; d <= last; d += 10 {
			decades = append(decades, decadePeriod(d))
		}
	}
	if decades, err = s.countPeriods(r, decades); err != nil {
		return err
	}
	undated, err := s.Catalogue.CountDocuments(ctx, recto.DocumentFilter{Undated: true})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "dates", struct {
		page
		Decades []period
		Undated int
	}{s.newPage(r, "Dates", "dates", "/dates"), decades, undated})
	return nil
}

func (s *Server) handleDatePeriod(w http.ResponseWriter, r *http.Request) error {
	seg := r.PathValue("period")
	f := recto.DocumentFilter{Undated: true}
	var p period
	var trail, sub []period
	if seg == "undated" {
		p = period{Label: "Undated", Path: "/dates/undated"}
	} else {
		var err error
		if p, trail, sub, err = parsePeriod(seg); err != nil {
			return err
		}
		f = recto.DocumentFilter{Dates: &p.Days}
		if sub, err = s.countPeriods(r, sub); err != nil {
			return err
		}
	}
	list, err := s.listDocuments(r.Context(), r, f)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "period", struct {
		page
		Period period
		Trail  []period
		Sub    []period
		List   documentList
	}{s.newPage(r, p.Label, "dates", p.Path), p, trail, sub, list})
	return nil
}
