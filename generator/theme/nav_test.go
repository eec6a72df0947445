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
