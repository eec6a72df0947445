package check

import (
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/source"
)

func TestControlFor(t *testing.T) {
	withDefaults := parseConfig(t, baseConfig+"  version: \"2.1\"\n  reference_prefix: PSP-\n  review_cycle_months: 24\n")
	bare := parseConfig(t, "trust:\n  name: Northshire Hospitals NHS Foundation Trust\n")
	tests := []struct {
		name string
		cfg  *config.Config
		meta source.Meta
		want Control
	}{
		{
			name: "governance defaults",
			cfg:  withDefaults,
			want: Control{
				Version: "2.1", Status: "approved", Owner: "Patient Safety Specialist", OwnerContact: "sponsor",
				ApprovedBy: "Patient Safety Committee", ApprovedOn: date("2025-01-15"),
				NextReview: date("2027-01-15"), ReviewSource: ReviewFromCycle,
			},
		},
		{
			name: "the page wins",
			cfg:  withDefaults,
			meta: source.Meta{
				Reference: "012", Version: "3", Status: source.StatusDraft, Owner: "Head of Nursing",
				OwnerContact: config.ContactRef{Key: "psp_manager"}, ApprovedBy: "Board", ApprovedOn: date("2026-03-01"),
				EffectiveFrom: date("2026-04-01"), ReviewBy: date("2026-09-30"), ReviewIn: 6,
				EIA:     source.EIA{Date: date("2026-02-01"), Outcome: "No adverse impact"},
				Changes: []source.Change{{Version: "3", Date: date("2026-03-01"), Summary: "Rewritten"}},
			},
			want: Control{
				Reference: "PSP-012", Version: "3", Status: "draft", Owner: "Head of Nursing", OwnerContact: "psp_manager",
				ApprovedBy: "Board", ApprovedOn: date("2026-03-01"), EffectiveFrom: date("2026-04-01"),
				NextReview: date("2026-09-30"), ReviewSource: ReviewFromReviewBy,
				EIA:     source.EIA{Date: date("2026-02-01"), Outcome: "No adverse impact"},
				Changes: []source.Change{{Version: "3", Date: date("2026-03-01"), Summary: "Rewritten"}},
			},
		},
		{
			name: "a reference that already has the prefix",
			cfg:  withDefaults,
			meta: source.Meta{Reference: "PSP-007"},
			want: Control{
				Reference: "PSP-007", Version: "2.1", Status: "approved", Owner: "Patient Safety Specialist", OwnerContact: "sponsor",
				ApprovedBy: "Patient Safety Committee", ApprovedOn: date("2025-01-15"),
				NextReview: date("2027-01-15"), ReviewSource: ReviewFromCycle,
			},
		},
		{
			name: "review_in counts from the page's approval",
			cfg:  bare,
			meta: source.Meta{ApprovedOn: date("2026-01-10"), ReviewIn: 12},
			want: Control{Status: "approved", ApprovedOn: date("2026-01-10"), NextReview: date("2027-01-10"), ReviewSource: ReviewFromReviewIn},
		},
		{
			name: "review_in counts from the governance approval",
			cfg:  withDefaults,
			meta: source.Meta{ReviewIn: 6},
			want: Control{
				Version: "2.1", Status: "approved", Owner: "Patient Safety Specialist", OwnerContact: "sponsor",
				ApprovedBy: "Patient Safety Committee", ApprovedOn: date("2025-01-15"),
				NextReview: date("2025-07-15"), ReviewSource: ReviewFromReviewIn,
			},
		},
		{
			name: "month end clamps to February",
			cfg:  bare,
			meta: source.Meta{ApprovedOn: date("2025-08-31"), ReviewIn: 6},
			want: Control{Status: "approved", ApprovedOn: date("2025-08-31"), NextReview: date("2026-02-28"), ReviewSource: ReviewFromReviewIn},
		},
		{
			name: "month end clamps to a leap day",
			cfg:  bare,
			meta: source.Meta{ApprovedOn: date("2023-08-31"), ReviewIn: 6},
			want: Control{Status: "approved", ApprovedOn: date("2023-08-31"), NextReview: date("2024-02-29"), ReviewSource: ReviewFromReviewIn},
		},
		{
			name: "the default cycle of 36 months",
			cfg:  bare,
			meta: source.Meta{ApprovedOn: date("2024-02-29")},
			want: Control{Status: "approved", ApprovedOn: date("2024-02-29"), NextReview: date("2027-02-28"), ReviewSource: ReviewFromCycle},
		},
		{
			name: "no approval date, no review date",
			cfg:  bare,
			meta: source.Meta{ReviewIn: 12, Owner: "  Head of Nursing  "},
			want: Control{Status: "draft", Owner: "Head of Nursing"},
		},
		{
			name: "review_by without an approval date",
			cfg:  bare,
			meta: source.Meta{ReviewBy: date("2027-05-01")},
			want: Control{Status: "draft", NextReview: date("2027-05-01"), ReviewSource: ReviewFromReviewBy},
		},
		{
			name: "a nil config is the default",
			meta: source.Meta{ApprovedOn: date("2025-05-31")},
			want: Control{Status: "approved", ApprovedOn: date("2025-05-31"), NextReview: date("2028-05-31"), ReviewSource: ReviewFromCycle},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ControlFor(tt.meta, tt.cfg)
			if !sameControl(got, tt.want) {
				t.Errorf("ControlFor:\n  got  %+v\n  want %+v", got, tt.want)
			}
		})
	}
}

func sameControl(a, b Control) bool {
	if a.Reference != b.Reference || a.Version != b.Version || a.Status != b.Status || a.Owner != b.Owner ||
		a.OwnerContact != b.OwnerContact || a.ApprovedBy != b.ApprovedBy || a.ReviewSource != b.ReviewSource ||
		!a.ApprovedOn.Equal(b.ApprovedOn.Time) || !a.EffectiveFrom.Equal(b.EffectiveFrom.Time) || !a.NextReview.Equal(b.NextReview.Time) ||
		!a.EIA.Date.Equal(b.EIA.Date.Time) || a.EIA.Outcome != b.EIA.Outcome || len(a.Changes) != len(b.Changes) {
		return false
	}
	for i := range a.Changes {
		if a.Changes[i].Version != b.Changes[i].Version || a.Changes[i].Summary != b.Changes[i].Summary || !a.Changes[i].Date.Equal(b.Changes[i].Date.Time) {
			return false
		}
	}
	return true
}

func TestStatusOf(t *testing.T) {
	day := func(offset int) config.Date { return config.Date{Time: today.AddDate(0, 0, offset)} }
	tests := []struct {
		name string
		c    Control
		days int
		want ReviewStatus
	}{
		{"no date", Control{Owner: "x"}, 60, ReviewNoDate},
		{"no date and no owner", Control{}, 60, ReviewNoDate},
		{"yesterday", Control{Owner: "x", NextReview: day(-1)}, 60, ReviewOverdue},
		{"overdue without an owner", Control{NextReview: day(-400)}, 60, ReviewOverdue},
		{"today", Control{Owner: "x", NextReview: day(0)}, 60, ReviewDueSoon},
		{"last day of the window", Control{Owner: "x", NextReview: day(60)}, 60, ReviewDueSoon},
		{"first day after the window", Control{Owner: "x", NextReview: day(61)}, 60, ReviewOK},
		{"no window", Control{Owner: "x", NextReview: day(1)}, 0, ReviewOK},
		{"in date without an owner", Control{NextReview: day(100)}, 60, ReviewNoOwner},
		{"in date", Control{Owner: "x", NextReview: day(1000)}, 60, ReviewOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatusOf(tt.c, today, tt.days); got != tt.want {
				t.Errorf("StatusOf = %s, want %s", got, tt.want)
			}
		})
	}
	// The time of day does not matter: a review due today is not overdue
	// at 23:59.
	late := today.Add(23*time.Hour + 59*time.Minute)
	if got := StatusOf(Control{Owner: "x", NextReview: day(0)}, late, 60); got != ReviewDueSoon {
		t.Errorf("StatusOf at 23:59 = %s, want due_soon", got)
	}
}
