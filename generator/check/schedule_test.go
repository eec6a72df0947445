package check

import (
	"bytes"
	"strings"
	"testing"
)

// schedulePages are pages in every review state, in no useful order.
func schedulePages() []*Page {
	mk := func(url, title string) *Page {
		p := page(url, "content/"+strings.TrimSuffix(url, "/")+".md")
		p.Title = title
		return p
	}
	overdue := mk("payment/", "Payment and expenses")
	overdue.Meta.ApprovedOn = date("2023-01-15")
	soon := mk("committees/", "Committees | meetings")
	soon.Meta.ReviewBy = date("2027-01-10")
	soon.Meta.Owner = "Head of Patient Safety"
	noDate := mk("draft/", "Zebra crossing")
	noDate.Meta.Status = "draft"
	later := mk("about/", "About the role")
	later.Meta.ApprovedOn, later.Meta.ApprovedBy = date("2026-06-01"), "Quality Committee"
	sameDay := mk("contacts/", "Contacts")
	sameDay.Meta.ApprovedOn, sameDay.Meta.ApprovedBy = date("2026-06-01"), "Quality Committee"
	noDate2 := mk("notes/", "Advice")
	gen := mk("audience/", "For staff")
	gen.Generated = true
	return []*Page{overdue, soon, noDate, later, sameDay, noDate2, gen}
}

// scheduleConfig has no approval date, so pages without their own have no
// review date.
const scheduleConfig = `trust:
  name: Northshire Hospitals NHS Foundation Trust
governance:
  default_owner: Patient Safety Specialist
  approved_by: Patient Safety Committee
`

func TestSchedule(t *testing.T) {
	rows := Schedule(schedulePages(), parseConfig(t, scheduleConfig), today)
	var got []string
	for _, r := range rows {
		got = append(got, r.URL+" "+r.NextReview.ISO()+" "+string(r.Status))
	}
	want := []string{
		"payment/ 2026-01-15 overdue",
		"committees/ 2027-01-10 due_soon",
		"about/ 2029-06-01 ok",
		"contacts/ 2029-06-01 ok",
		"notes/  no_date",
		"draft/  no_date",
	}
	if !equalLists(got, want) {
		t.Errorf("schedule:\n  got  %q\n  want %q", got, want)
	}
	if rows := Schedule(nil, nil, today); rows == nil || len(rows) != 0 {
		t.Errorf("Schedule(nil) = %#v, want an empty list", rows)
	}
}

func TestReports(t *testing.T) {
	rows := Schedule(schedulePages(), parseConfig(t, scheduleConfig), today)
	for _, name := range []string{"schedule.csv", "schedule.md"} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteReport(&b, "out/"+strings.ToUpper(name), rows, today); err != nil {
				t.Fatal(err)
			}
			golden(t, name, b.Bytes())
		})
	}
	var b bytes.Buffer
	if err := WriteReport(&b, "schedule.xlsx", rows, today); err == nil || !strings.Contains(err.Error(), ".csv") {
		t.Errorf("WriteReport(.xlsx) error = %v, want one naming .csv and .md", err)
	}
	b.Reset()
	if err := WriteReportMarkdown(&b, nil, today); err != nil || b.String() != "# Review schedule at 26 November 2026\n\nNo pages to review.\n" {
		t.Errorf("empty Markdown report = %q, %v", b.String(), err)
	}
}
