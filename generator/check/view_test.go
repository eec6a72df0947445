package check

import (
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
	"github.com/nhs-psp/handbook/themes"
)

// controlData is what the partials receive: the page view, of which they
// read .Page.Control.
type controlData struct {
	Page struct{ Control *View }
}

// reviewPage is the page part of the review schedule page's view: the
// page view of every page plus the schedule.
type reviewPage struct {
	theme.Page
	Schedule []ScheduleRowView
}

type reviewData struct {
	Site       *theme.Site
	Page       *reviewPage
	Root, Home string
}

func loadTheme(t *testing.T) *theme.Theme {
	t.Helper()
	th, err := theme.Load(theme.Layer{FS: themes.Default(), Display: "theme:"})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func render(t *testing.T, th *theme.Theme, name string, data any) string {
	t.Helper()
	b, err := th.ExecuteBytes(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}

// fullMeta has every document-control field.
var fullMeta = source.Meta{
	Reference: "007", Version: "2.0", Owner: "Head of Patient Safety", ApprovedBy: "Quality Committee",
	ApprovedOn: date("2023-04-01"), EffectiveFrom: date("2023-05-01"), ReviewIn: 36,
	EIA: source.EIA{Date: date("2023-03-01"), Outcome: "No adverse impact found"},
	Changes: []source.Change{
		{Version: "2.0", Date: date("2023-04-01"), Summary: "Rewritten with partners"},
		{Version: "1.0", Date: date("2021-04-01"), Summary: "First version"},
	},
}

func TestNewView(t *testing.T) {
	cfg := parseConfig(t, baseConfig+"  reference_prefix: PSP-\n")
	v := NewView(ControlFor(fullMeta, cfg), cfg, today)
	if v.Reference != "PSP-007" || v.Status != "Approved" || v.ContactName != "Sam Patel" || !v.Overdue ||
		v.Review != ReviewOverdue || v.ReviewText != "Overdue" || v.NextReview == nil || v.NextReview.Text != "1 April 2026" ||
		v.NextReview.ISO != "2026-04-01" || v.EIA == nil || v.EIA.Outcome != "No adverse impact found" || len(v.Changes) != 2 {
		t.Errorf("NewView = %+v", v)
	}
	empty := NewView(ControlFor(source.Meta{}, parseConfig(t, "trust:\n  name: X Trust\n")), nil, today)
	if empty.ApprovedOn != nil || empty.NextReview != nil || empty.EIA != nil || empty.Status != "Draft" || empty.Review != ReviewNoDate || empty.Overdue {
		t.Errorf("empty NewView = %+v", empty)
	}
	other := parseConfig(t, baseConfig)
	v = NewView(ControlFor(source.Meta{OwnerContact: config.ContactRef{Key: "nobody"}}, other), other, today)
	if v.ContactName != "" {
		t.Errorf("ContactName of an unknown contact = %q", v.ContactName)
	}
}

func TestDocControlPartial(t *testing.T) {
	th := loadTheme(t)
	cfg := parseConfig(t, baseConfig+"  reference_prefix: PSP-\n")

	var full controlData
	full.Page.Control = NewView(ControlFor(fullMeta, cfg), cfg, today)
	got := render(t, th, "partials/doccontrol.html", full)
	golden(t, "doccontrol-full.html", []byte(got))
	for _, want := range []string{
		`<details class="doc-control">`, `<summary>Document control</summary>`, `<dl class="summary-list">`,
		`<dt>Reference</dt><dd>PSP-007</dd>`, `<dd>Head of Patient Safety (Sam Patel)</dd>`,
		`<dt>Next review</dt><dd><time datetime="2026-04-01">1 April 2026</time> (overdue)</dd>`,
		`<dt>Equality impact assessment</dt><dd><time datetime="2023-03-01">1 March 2023</time>: No adverse impact found</dd>`,
		`<caption>Change log</caption>`,
		`<p class="print-only printed-on" data-printed-on>Uncontrolled when printed.</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("full panel lacks %s", want)
		}
	}

	bare := parseConfig(t, "trust:\n  name: Northshire Hospitals NHS Foundation Trust\n")
	var minimal controlData
	minimal.Page.Control = NewView(ControlFor(source.Meta{Owner: "Head of Nursing"}, bare), bare, today)
	got = render(t, th, "partials/doccontrol.html", minimal)
	golden(t, "doccontrol-minimal.html", []byte(got))
	for _, absent := range []string{"Reference", "Version", "Approved", "Next review", "Equality", "<table", "Effective"} {
		if strings.Contains(got, absent) {
			t.Errorf("minimal panel has an empty %q row:\n%s", absent, got)
		}
	}

	if got := render(t, th, "partials/doccontrol.html", controlData{}); strings.TrimSpace(got) != "" {
		t.Errorf("no control rendered %q", got)
	}
}

func TestReviewBannerPartial(t *testing.T) {
	th := loadTheme(t)
	cfg := parseConfig(t, baseConfig)
	tests := []struct {
		name string
		meta source.Meta
		want []string
	}{
		{"overdue", source.Meta{ReviewBy: date("2026-04-01")}, []string{
			`<div class="banner banner-overdue" role="note" data-review-by="2026-04-01">`,
			`<strong data-review-text>This page is overdue for review since 1 April 2026.</strong>`,
			`Page owner: Patient Safety Specialist (Sam Patel).`,
		}},
		{"in date", source.Meta{ReviewBy: date("2029-04-01"), Owner: "Head of Nursing", OwnerContact: config.ContactRef{Key: "none"}}, []string{
			`<div class="banner banner-overdue" role="note" data-review-by="2029-04-01" hidden>`,
			`This page is overdue for review since 1 April 2029.`,
			`Page owner: Head of Nursing.`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d controlData
			d.Page.Control = NewView(ControlFor(tt.meta, cfg), cfg, today)
			got := render(t, th, "partials/review-banner.html", d)
			golden(t, "review-banner-"+strings.ReplaceAll(tt.name, " ", "-")+".html", []byte(got))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("banner lacks %s:\n%s", w, got)
				}
			}
		})
	}
	bare := parseConfig(t, "trust:\n  name: Northshire Hospitals NHS Foundation Trust\n")
	var d controlData
	d.Page.Control = NewView(ControlFor(source.Meta{}, bare), bare, today)
	if got := render(t, th, "partials/review-banner.html", d); strings.TrimSpace(got) != "" {
		t.Errorf("a page without a review date has a banner: %q", got)
	}
}

func TestReviewTemplate(t *testing.T) {
	th := loadTheme(t)
	rows := Schedule(schedulePages(), parseConfig(t, scheduleConfig), today)
	data := reviewData{
		Site: &theme.Site{Title: "Patient Safety Partner handbook", Language: "en-GB", TrustName: "Northshire Hospitals NHS Foundation Trust",
			HomeTitle: "Home", Stylesheets: []string{"assets/handbook.css"}, Scripts: []string{"assets/review.js"}},
		Page: &reviewPage{Page: theme.Page{Title: "Review schedule", URL: "review/"}, Schedule: ScheduleViews(rows, func(url string) string { return "../" + url })},
		Root: "../", Home: "../",
	}
	got := render(t, th, "review.html", data)
	golden(t, "review.html", []byte(got))
	for _, want := range []string{
		`<title>Review schedule – Patient Safety Partner handbook</title>`,
		`<h1>Review schedule</h1>`,
		`<caption>Review dates for every page</caption>`,
		`<th scope="row"><a href="../payment/">Payment and expenses</a></th>`,
		`<td><time datetime="2026-01-15">15 January 2026</time></td>`,
		`<span class="review-status review-status-overdue">Overdue</span>`,
		`<td>Not set</td>`,
		`<script src="../assets/review.js" defer></script>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("review page lacks %s", want)
		}
	}
	if strings.Contains(got, "style=") || strings.Contains(got, "<style") || strings.Contains(got, "<script>") {
		t.Error("review page has inline style or script")
	}
}
