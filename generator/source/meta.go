package source

import (
	"fmt"
	"strings"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

// Meta is a page's front matter.
type Meta struct {
	// Title is the page's name, shown as its h1, in navigation and on the
	// browser tab. Without one, the title comes from the file name.
	Title string `yaml:"title"`
	// Description is a one-sentence summary for search results and lists.
	Description string `yaml:"description"`
	// Weight orders pages within a section, lightest first; pages of equal
	// weight are ordered by title.
	Weight int `yaml:"weight"`
	// Audience says who the page is for: psp, staff and/or manager.
	Audience Audiences `yaml:"audience"`
	// Hidden removes the page from the build; on an _index.md it removes
	// the whole section. Trusts use it to drop starter pages.
	Hidden bool `yaml:"hidden"`
	// Footer puts a link to the page in the footer of every page.
	Footer bool `yaml:"footer"`
	// Unlisted leaves the page out of the navigation: it is reached by
	// links only.
	Unlisted bool `yaml:"unlisted"`

	// Document control.
	Reference     string            `yaml:"reference"`
	Version       string            `yaml:"version"`
	Status        Status            `yaml:"status"`
	Owner         string            `yaml:"owner"`
	OwnerContact  config.ContactRef `yaml:"owner_contact"`
	ApprovedBy    string            `yaml:"approved_by"`
	ApprovedOn    config.Date       `yaml:"approved_on"`
	EffectiveFrom config.Date       `yaml:"effective_from"`
	ReviewBy      config.Date       `yaml:"review_by"`
	ReviewIn      int               `yaml:"review_in"`
	EIA           EIA               `yaml:"eia"`
	Changes       []Change          `yaml:"changes"`
	// Replaces records which version of a starter page a trust page was
	// copied from ("handbook new --from-starter" writes it).
	Replaces string `yaml:"replaces"`

	// Params holds every other key, for templates.
	Params map[string]any `yaml:",extra"`
}

// EIA is an equality impact assessment.
type EIA struct {
	Date    config.Date `yaml:"date"`
	Outcome string      `yaml:"outcome"`
}

// Change is one entry of a page's change log.
type Change struct {
	Version string      `yaml:"version"`
	Date    config.Date `yaml:"date"`
	Summary string      `yaml:"summary"`
}

// Status is a page's approval status.
type Status string

// The statuses a page may have.
const (
	StatusApproved Status = "approved"
	StatusDraft    Status = "draft"
)

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (s *Status) UnmarshalYAMLNode(d *strictyaml.Decoder, n *yaml.Node) error {
	v, ok := d.Scalar(n, "draft or approved")
	if !ok {
		return nil
	}
	switch Status(strings.ToLower(strings.TrimSpace(v))) {
	case StatusApproved:
		*s = StatusApproved
	case StatusDraft:
		*s = StatusDraft
	default:
		return fmt.Errorf("status must be draft or approved, got %q", v)
	}
	return nil
}

// Audience values.
const (
	AudiencePSP     = "psp"
	AudienceStaff   = "staff"
	AudienceManager = "manager"
)

// AudienceNames lists the audience values, in the order pages show them.
var AudienceNames = []string{AudiencePSP, AudienceStaff, AudienceManager}

// Audiences lists who a page is for. In front matter it is one value or a
// list: "audience: psp" or "audience: [psp, staff]".
type Audiences []string

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (a *Audiences) UnmarshalYAMLNode(d *strictyaml.Decoder, n *yaml.Node) error {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	var out Audiences
	for _, item := range items {
		v, ok := d.Scalar(item, "psp, staff or manager")
		if !ok {
			continue
		}
		switch v {
		case AudiencePSP, AudienceStaff, AudienceManager:
			out = append(out, v)
		default:
			d.Errorf(item, "audience must be psp, staff or manager, got %q", v)
		}
	}
	*a = out
	return nil
}

// Has reports whether the page is for audience.
func (a Audiences) Has(audience string) bool {
	for _, v := range a {
		if v == audience {
			return true
		}
	}
	return false
}
