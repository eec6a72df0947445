package theme

import (
	"testing"

	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/themes"
)

// loadMinified loads the default theme as builds do, minified.
func loadMinified(t *testing.T) *Theme {
	t.Helper()
	th, err := LoadWith(Options{Minify: publish.NewMinifier().MinifyTemplate}, Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// TestNavHTMLMatchesTemplate keeps the Go rendering of the sidebar and the
// default theme's template, as builds load it, identical.
func TestNavHTMLMatchesTemplate(t *testing.T) {
	th := loadMinified(t)
	items := []NavItem{
		{Title: "About & more", Href: "../about (old)/", Open: true, Children: []NavItem{
			{Title: "C++ 'quoted'", Href: "javascript:alert(1)"},
			{Title: "Pay", Href: "../about/pay/", Current: true},
			{Title: "Time <b>", Href: "../about/time/"},
		}},
		{Title: "Contacts", Href: "../contacts/"},
		{Title: "Café", Href: "../café-culture/"},
	}
	want, err := th.ExecuteBytes("partials/nav-items.html", items)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter(0)
	WriteNavItems(w, items)
	if got := w.String(); got != string(want) {
		t.Errorf("NavHTML differs from the template:\n got %s\nwant %s", got, want)
	}
}

// TestAZHTMLMatchesTemplate keeps the Go rendering of the A–Z index and
// the default theme's template, as builds load it, identical.
func TestAZHTMLMatchesTemplate(t *testing.T) {
	th := loadMinified(t)
	groups := []AZGroup{
		{Letter: "A", ID: "letter-a", Entries: []AZEntry{{Text: "About & more", Href: "../about/"}, {Text: "Agenda", Href: "../about/#agenda", Page: "About <us>"}}},
		{Letter: "C", ID: "letter c+", Entries: []AZEntry{{Text: "C++ 'quoted'", Href: "../c (x)/#a b", Page: "Tom & Jerry"}}},
		{Letter: "0–9", ID: "letter-other", Entries: []AZEntry{{Text: "2 partners", Href: "../café/#two"}}},
	}
	want, err := th.ExecuteBytes("generated/a-z.html", AZIndex{groups})
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter(0)
	WriteAZ(w, AZIndex{groups})
	if got := w.String(); got != string(want) {
		t.Errorf("AZHTML differs from the template:\n got %s\nwant %s", got, want)
	}
}

func TestFingerprintMatchesLoad(t *testing.T) {
	th, err := Load(Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	fp, err := Fingerprint(Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if fp != th.Fingerprint() {
		t.Error("Fingerprint differs from the loaded theme's")
	}
}
