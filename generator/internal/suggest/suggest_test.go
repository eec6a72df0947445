package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"title", "weight", "review_by", "review_in", "approved_on", "owner"}
	tests := []struct {
		word, want string
	}{
		{"titel", "title"},
		{"wieght", "weight"},
		{"review-by", "review_by"},
		{"Approved_On", "approved_on"},
		{"approvedon", "approved_on"},
		{"colour", ""},
		{"x", ""},
		{"ownr", "owner"},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestHint(t *testing.T) {
	if got, want := Hint("titel", []string{"title"}), ` (did you mean "title"?)`; got != want {
		t.Errorf("Hint = %q, want %q", got, want)
	}
	if got := Hint("zzz", []string{"title"}); got != "" {
		t.Errorf("Hint for a far word = %q, want empty", got)
	}
}
