package theme

import (
	"testing"

	"github.com/nhs-psp/handbook/themes"
)

// TestNavHTMLMatchesTemplate keeps the Go rendering of the sidebar and the
// default theme's template identical.
func TestNavHTMLMatchesTemplate(t *testing.T) {
	th, err := Load(Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	items := []NavItem{
		{Title: "About & more", Href: "../about/", Open: true, Children: []NavItem{
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
	if got := string(NavHTML(items)); got != string(want) {
		t.Errorf("NavHTML differs from the template:\n got %s\nwant %s", got, want)
	}
}

// TestAZHTMLMatchesTemplate keeps the Go rendering of the A–Z index and
// the default theme's template identical.
func TestAZHTMLMatchesTemplate(t *testing.T) {
	th, err := Load(Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	groups := []AZGroup{
		{Letter: "A", ID: "letter-a", Entries: []AZEntry{{Text: "About & more", Href: "../about/"}, {Text: "Agenda", Href: "../about/#agenda", Page: "About <us>"}}},
		{Letter: "0–9", ID: "letter-other", Entries: []AZEntry{{Text: "2 partners", Href: "../café/#two"}}},
	}
	want, err := th.ExecuteBytes("generated/a-z.html", struct{ Groups []AZGroup }{groups})
	if err != nil {
		t.Fatal(err)
	}
	if got := AZHTML(groups); got != string(want) {
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
