package check

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
)

// ScheduleRow is one page of the review schedule.
type ScheduleRow struct {
	URL, Title, Display string
	Owner, ApprovedBy   string
	ApprovedOn          config.Date
	NextReview          config.Date
	Status              ReviewStatus
}

// Schedule returns the review schedule of every page that is not
// generated: soonest next review first, pages without a date last, then
// by title and URL.
func Schedule(pages []*Page, cfg *config.Config, today time.Time) []ScheduleRow {
	if cfg == nil {
		cfg = config.Default()
	}
	rows := []ScheduleRow{}
	for _, p := range pages {
		if p.Generated {
			continue
		}
		c := ControlFor(p.Meta, cfg)
		rows = append(rows, ScheduleRow{
			URL:        p.URL,
			Title:      p.Title,
			Display:    p.Display,
			Owner:      c.Owner,
			ApprovedBy: c.ApprovedBy,
			ApprovedOn: c.ApprovedOn,
			NextReview: c.NextReview,
			Status:     StatusOf(c, today, cfg.Governance.DueSoonDays),
		})
	}
	SortSchedule(rows)
	return rows
}

// SortSchedule orders rows by next review date, rows without a date last,
// then by title and URL.
func SortSchedule(rows []ScheduleRow) {
	// Compare by keys made once, not once a comparison: lower-casing
	// every title at every step made this the slowest part of a preview
	// rebuild.
	type key struct {
		row   *ScheduleRow
		title string
	}
	keys := make([]key, len(rows))
	for i := range rows {
		keys[i] = key{&rows[i], strings.ToLower(rows[i].Title)}
	}
	slices.SortStableFunc(keys, func(a, b key) int {
		az, bz := a.row.NextReview.IsZero(), b.row.NextReview.IsZero()
		switch {
		case az && !bz:
			return 1
		case bz && !az:
			return -1
		}
		return cmp.Or(
			a.row.NextReview.Compare(b.row.NextReview.Time),
			cmp.Compare(a.title, b.title),
			cmp.Compare(a.row.URL, b.row.URL),
		)
	})
	sorted := make([]ScheduleRow, len(rows))
	for i, k := range keys {
		sorted[i] = *k.row
	}
	copy(rows, sorted)
}

// WriteReport writes the schedule to w in the format path's extension
// names: ".csv" (WriteReportCSV) or ".md" (WriteReportMarkdown).
func WriteReport(w io.Writer, path string, rows []ScheduleRow, today time.Time) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return WriteReportCSV(w, rows)
	case ".md":
		return WriteReportMarkdown(w, rows, today)
	}
	return fmt.Errorf("report %s: the file name must end in .csv (a spreadsheet) or .md (a table for a committee paper)", path)
}

// WriteReportCSV writes the schedule as CSV with a header row. Dates are
// YYYY-MM-DD and the status is its code (overdue, due_soon, ok, no_owner,
// no_date), so a spreadsheet can sort and filter them.
func WriteReportCSV(w io.Writer, rows []ScheduleRow) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"title", "url", "file", "owner", "approved_by", "approved_on", "next_review", "status"})
	for _, r := range rows {
		_ = cw.Write([]string{r.Title, "/" + r.URL, r.Display, r.Owner, r.ApprovedBy, r.ApprovedOn.ISO(), r.NextReview.ISO(), string(r.Status)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteReportMarkdown writes the schedule as a Markdown table that a
// committee paper can paste, under the title "Review schedule at <today>",
// with dates written "1 April 2029" and a line counting pages by status.
func WriteReportMarkdown(w io.Writer, rows []ScheduleRow, today time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Review schedule at %s\n\n", config.Date{Time: dateOnly(today)})
	if len(rows) == 0 {
		b.WriteString("No pages to review.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	counts := map[ReviewStatus]int{}
	for _, r := range rows {
		counts[r.Status]++
	}
	var parts []string
	for _, s := range []struct {
		status ReviewStatus
		words  string
	}{
		{ReviewOverdue, "overdue"},
		{ReviewDueSoon, "due soon"},
		{ReviewNoOwner, "without an owner"},
		{ReviewNoDate, "without a review date"},
		{ReviewOK, "in date"},
	} {
		if n := counts[s.status]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s.words))
		}
	}
	fmt.Fprintf(&b, "%s: %s.\n\n", plural(len(rows), "page"), strings.Join(parts, ", "))
	b.WriteString("| Page | Owner | Approved by | Last approved | Next review | Status |\n")
	b.WriteString("|------|-------|-------------|---------------|-------------|--------|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n",
			cell(r.Title), cell(r.Owner), cell(r.ApprovedBy), cell(r.ApprovedOn.String()), cell(r.NextReview.String()), r.Status.Text())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes s safe in a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	if s == "" {
		return "–"
	}
	return s
}
