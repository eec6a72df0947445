// Package components supplies the trust values and block components that
// Markdown pages use: "{{ trust.name }}" reads a value from handbook.yaml,
// and "{{ committees }}" on a line of its own renders a table from it.
//
// Values are found by their key path in handbook.yaml, so every field the
// configuration has can be used without a list to keep up to date.
// Components are rendered by the theme's templates/components/NAME.html,
// which a trust can override like any other template.
package components

import (
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/internal/suggest"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// Executor renders a theme template.
type Executor interface {
	ExecuteBytes(name string, data any) ([]byte, error)
}

var _ Executor = (*theme.Theme)(nil)

// Data resolves values and components for every page of one build. It is
// safe for concurrent use.
type Data struct {
	cfg      *config.Config
	glossary *glossary.Glossary
	theme    Executor
	listing  Listing
}

var _ markdown.Data = (*Data)(nil)

// Listing supplies the pages that listing components show.
type Listing interface {
	// Audience returns the pages for audience ("psp", "staff" or
	// "manager") in reading order, with links relative to the page at
	// fromURL.
	Audience(audience, fromURL string) []theme.Link
}

// New returns the Data of a build. listing may be nil when no page lists
// others (tests).
func New(cfg *config.Config, g *glossary.Glossary, t Executor, listing Listing) *Data {
	if g == nil {
		g = &glossary.Glossary{}
	}
	return &Data{cfg: cfg, glossary: g, theme: t, listing: listing}
}

// ForPage returns the Data for the page at url, whose listing components
// link relative to it.
func (d *Data) ForPage(url string) markdown.Data { return pageData{d, url} }

type pageData struct {
	*Data
	url string
}

// Component implements markdown.Data with the page's own links.
func (p pageData) Component(name string, args []string) ([]byte, error) {
	if name != "audience" {
		return p.Data.Component(name, args)
	}
	if len(args) != 1 || !slices.Contains(source.AudienceNames, args[0]) {
		return nil, fmt.Errorf("needs one audience in quotes: psp, staff or manager, for example {{ audience \"psp\" }}")
	}
	if p.listing == nil {
		return nil, fmt.Errorf("is not available here")
	}
	pages := p.listing.Audience(args[0], p.url)
	return p.theme.ExecuteBytes("components/audience.html", struct {
		Audience string
		Pages    []theme.Link
	}{args[0], pages})
}

// Names lists the block components.
var Names = []string{"audience", "checks", "committees", "contact", "contacts", "glossary", "known_issues", "payment", "role", "training"}

// IsComponent implements markdown.Data.
func (d *Data) IsComponent(name string) bool { return slices.Contains(Names, name) }

// Component implements markdown.Data.
func (d *Data) Component(name string, args []string) ([]byte, error) {
	if name != "contact" && len(args) > 0 {
		return nil, fmt.Errorf("takes no arguments")
	}
	var data any
	switch name {
	case "contact":
		if len(args) != 1 {
			return nil, fmt.Errorf("needs one contact key in quotes, for example {{ contact \"sponsor\" }}")
		}
		c, ok := d.contact(args[0])
		if !ok {
			return nil, fmt.Errorf("no contact %q in handbook.yaml%s", args[0], suggest.Hint(args[0], d.cfg.ContactKeys()))
		}
		data = c
	case "contacts":
		var all []Contact
		for _, k := range d.cfg.ContactKeys() {
			c, _ := d.contact(k)
			all = append(all, c)
		}
		data = struct{ Contacts []Contact }{all}
	case "committees":
		data = struct{ Committees []config.Committee }{d.cfg.Committees}
	case "role":
		r := d.cfg.Role
		rv := struct {
			Role                     config.Role
			ReportsTo, AccountableTo *Contact
		}{Role: r}
		if c, ok := d.contact(r.ReportsTo.Key); ok {
			rv.ReportsTo = &c
		}
		if c, ok := d.contact(r.AccountableTo.Key); ok {
			rv.AccountableTo = &c
		}
		data = rv
	case "payment":
		data = struct{ Payment config.Payment }{d.cfg.Payment}
	case "checks":
		data = struct{ Checks config.Checks }{d.cfg.ChecksRequired}
	case "training":
		data = struct{ Training []config.Training }{d.cfg.Training}
	case "glossary":
		data = struct{ Terms []glossary.Term }{d.glossary.Terms}
	case "known_issues":
		data = struct{ Issues []string }{d.cfg.Accessibility.KnownIssues}
	case "audience":
		return nil, fmt.Errorf("lists pages, so it works only in a page")
	default:
		return nil, fmt.Errorf("unknown component")
	}
	return d.theme.ExecuteBytes("components/"+name+".html", data)
}

// Contact is a contact as components show it.
type Contact struct {
	Key   string
	Label string
	config.Contact
	// PhoneHref is a tel: link for the phone number, or "".
	PhoneHref template.URL
}

// contactLabels name the known contact roles for readers.
var contactLabels = map[string]string{
	"sponsor":                   "Your sponsor",
	"patient_safety_specialist": "Patient Safety Specialist",
	"psp_manager":               "Patient Safety Partner programme manager",
	"executive_lead":            "Executive lead for patient safety",
	"ftsu_guardian":             "Freedom to Speak Up Guardian",
	"accessibility":             "Accessibility and alternative formats",
}

func (d *Data) contact(key string) (Contact, bool) {
	c, ok := d.cfg.Contacts[key]
	if !ok {
		return Contact{}, false
	}
	label := contactLabels[key]
	if label == "" {
		label = source.TitleFromName(key)
	}
	out := Contact{Key: key, Label: label, Contact: c}
	if digits := phoneDigits(c.Phone); digits != "" {
		out.PhoneHref = template.URL("tel:" + digits)
	}
	return out, true
}

func phoneDigits(phone string) string {
	var b strings.Builder
	for i, r := range phone {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 5 {
		return ""
	}
	return b.String()
}

// Value implements markdown.Data: it walks handbook.yaml's key path.
func (d *Data) Value(path string) (markdown.ValueText, error) {
	v := reflect.ValueOf(d.cfg).Elem()
	for _, seg := range strings.Split(path, ".") {
		next, ok := child(v, seg)
		if !ok {
			return markdown.ValueText{}, fmt.Errorf("unknown trust value%s", suggest.Hint(path, d.paths()))
		}
		v = next
	}
	return d.format(path, v)
}

// child steps from v into key seg: a struct field by its yaml name, a map
// entry, or a list item by number.
func child(v reflect.Value, seg string) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		if isLeaf(v.Type()) {
			return reflect.Value{}, false
		}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == seg && t.Field(i).IsExported() {
				return v.Field(i), true
			}
		}
	case reflect.Map:
		e := v.MapIndex(reflect.ValueOf(seg))
		if e.IsValid() {
			return e, true
		}
	case reflect.Slice:
		i, err := strconv.Atoi(seg)
		if err == nil && i >= 0 && i < v.Len() {
			return v.Index(i), true
		}
	}
	return reflect.Value{}, false
}

// isLeaf reports whether a struct type is a single value (a date, a
// contact reference) rather than a group of keys.
func isLeaf(t reflect.Type) bool {
	return t == reflect.TypeFor[config.Date]() || t == reflect.TypeFor[config.ContactRef]()
}

func (d *Data) format(path string, v reflect.Value) (markdown.ValueText, error) {
	empty := fmt.Errorf("is empty in handbook.yaml: fill it in there, or take it out of this page")
	text := func(s string) (markdown.ValueText, error) {
		if strings.TrimSpace(s) == "" {
			return markdown.ValueText{}, empty
		}
		return markdown.ValueText{Text: s}, nil
	}
	switch x := v.Interface().(type) {
	case config.Email:
		if x == "" {
			return markdown.ValueText{}, empty
		}
		return markdown.ValueText{Text: string(x), Kind: markdown.EmailValue}, nil
	case config.URL:
		if x == "" {
			return markdown.ValueText{}, empty
		}
		return markdown.ValueText{Text: string(x), Kind: markdown.URLValue}, nil
	case config.Money:
		if x == 0 {
			return markdown.ValueText{}, empty
		}
		return text(x.String())
	case config.Date:
		return text(x.String())
	case config.ContactRef:
		c, ok := d.contact(x.Key)
		if !ok {
			return markdown.ValueText{}, empty
		}
		if c.Role != "" {
			return text(c.Name + ", " + c.Role)
		}
		return text(c.Name)
	case fmt.Stringer:
		return text(x.String())
	case string:
		return text(x)
	case bool:
		if x {
			return text("yes")
		}
		return text("no")
	case int:
		return text(strconv.Itoa(x))
	case float64:
		return text(strconv.FormatFloat(x, 'f', -1, 64))
	case []int:
		var s []string
		for _, n := range x {
			s = append(s, strconv.Itoa(n))
		}
		return text(joinAnd(s))
	case []string:
		return text(joinAnd(x))
	}
	var keys []string
	for _, p := range d.paths() {
		if strings.HasPrefix(p, path+".") {
			keys = append(keys, p)
		}
	}
	if len(keys) > 4 {
		keys = append(keys[:4], "…")
	}
	return markdown.ValueText{}, fmt.Errorf("is a group of values, not one value: name one of them, such as %s", strings.Join(keys, ", "))
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// paths lists every value path, for suggestions.
func (d *Data) paths() []string {
	var out []string
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return
			}
			v = v.Elem()
		}
		switch {
		case v.Kind() == reflect.Struct && !isLeaf(v.Type()):
			t := v.Type()
			for i := 0; i < t.NumField(); i++ {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
				if name == "" || name == "-" || !t.Field(i).IsExported() {
					continue
				}
				walk(v.Field(i), join(prefix, name))
			}
		case v.Kind() == reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k), join(prefix, k.String()))
			}
		default:
			out = append(out, prefix)
		}
	}
	walk(reflect.ValueOf(d.cfg).Elem(), "")
	out = append(out, Names...)
	slices.Sort(out)
	return out
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
