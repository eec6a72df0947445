// Package config reads handbook.yaml, the one file that describes a trust
// and how its handbook is built.
//
// Decoding is strict: an unknown key, a value of the wrong type, an invalid
// e-mail address, a brand colour too light for white text, or a reference
// to a contact that is not defined is an error at its line and column, and
// every such error in the file is reported at once.
//
// The commented reference for every field is reference.yaml in this
// package. It is what `handbook init` writes, and a test checks that it
// names every field of Config and nothing else, so the two cannot drift.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"github.com/nhs-psp/handbook/generator/internal/suggest"
	"github.com/nhs-psp/handbook/generator/internal/textfile"
	"go.yaml.in/yaml/v3"
)

// FileName is the name of the configuration file in a handbook folder.
const FileName = "handbook.yaml"

// Reference is the commented handbook.yaml that documents every field and
// that `handbook init` writes. Its values are clearly marked placeholders.
//
//go:embed reference.yaml
var Reference []byte

// Config is the decoded handbook.yaml. Field comments are brief; the user-
// facing description of each key is in reference.yaml.
type Config struct {
	Title      string `yaml:"title"`
	Language   string `yaml:"language"`
	ID         string `yaml:"id"`
	BaseURL    URL    `yaml:"base_url"`
	Portable   bool   `yaml:"portable"`
	Starter    bool   `yaml:"starter"`
	UnsafeHTML bool   `yaml:"unsafe_html"`

	Trust           Trust              `yaml:"trust"`
	Contacts        map[string]Contact `yaml:"contacts"`
	Committees      []Committee        `yaml:"committees"`
	Role            Role               `yaml:"role"`
	Payment         Payment            `yaml:"payment"`
	ChecksRequired  Checks             `yaml:"checks_required"`
	Training        []Training         `yaml:"training"`
	Induction       Induction          `yaml:"induction"`
	Governance      Governance         `yaml:"governance"`
	Accessibility   Accessibility      `yaml:"accessibility"`
	Rules           map[string]Rule    `yaml:"rules"`
	contactKeyNodes map[string]Pos
	positions       map[string]Pos
	// Display is the path of the file in messages.
	Display string `yaml:"-"`
	// Source is the text the configuration was decoded from; builds that
	// reuse earlier work compare it to know whether anything changed.
	Source []byte `yaml:"-"`
}

// Pos returns where the value at a dotted key path ("trust.logo.path",
// "committees.0.name") is written, or the zero Pos when it is not.
func (c *Config) Pos(path string) Pos { return c.positions[path] }

func recordPositions(n *yaml.Node, prefix string, into map[string]Pos) {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil {
		return
	}
	into[prefix] = Pos{n.Line, n.Column}
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			recordPositions(n.Content[i+1], join(n.Content[i].Value), into)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			recordPositions(c, join(strconv.Itoa(i)), into)
		}
	}
}

// Trust describes the organisation.
type Trust struct {
	Name        string `yaml:"name"`
	ShortName   string `yaml:"short_name"`
	Logo        Logo   `yaml:"logo"`
	BrandColour Colour `yaml:"brand_colour"`
	Website     URL    `yaml:"website"`
	ICBName     string `yaml:"icb_name"`
}

// Logo is the trust's own logo file and its text alternative.
type Logo struct {
	Path string `yaml:"path"`
	Alt  string `yaml:"alt"`
}

// Contact is one named person, keyed in Config.Contacts by what they do
// for partners (sponsor, ftsu_guardian…).
type Contact struct {
	Name  string `yaml:"name"`
	Role  string `yaml:"role"`
	Email Email  `yaml:"email"`
	Phone string `yaml:"phone"`
	Notes string `yaml:"notes"`
}

// Committee is a meeting partners sit on.
type Committee struct {
	Name      string    `yaml:"name"`
	Purpose   string    `yaml:"purpose"`
	Frequency Frequency `yaml:"frequency"`
	Chair     string    `yaml:"chair"`
	ReportsTo string    `yaml:"reports_to"`
	PSPSeats  int       `yaml:"psp_seats"`
	Mode      Mode      `yaml:"mode"`
}

// Role describes the partner role's shape.
type Role struct {
	HoursPerMonth Range      `yaml:"hours_per_month"`
	TermMonths    int        `yaml:"term_months"`
	Extendable    bool       `yaml:"extendable"`
	Engagement    Engagement `yaml:"engagement"`
	ReportsTo     ContactRef `yaml:"reports_to"`
	AccountableTo ContactRef `yaml:"accountable_to"`
}

// Range is a span of numbers such as hours a month.
type Range struct {
	Min float64 `yaml:"min"`
	Max float64 `yaml:"max"`
}

// Payment describes what partners are paid.
type Payment struct {
	Model             PaymentModel `yaml:"model"`
	FullDay           Money        `yaml:"full_day"`
	HalfDay           Money        `yaml:"half_day"`
	HalfDayMaxHours   float64      `yaml:"half_day_max_hours"`
	PrepTimePaid      bool         `yaml:"prep_time_paid"`
	Expenses          []string     `yaml:"expenses"`
	ClaimProcess      string       `yaml:"claim_process"`
	ClaimFormURL      URL          `yaml:"claim_form_url"`
	PaidWithinDays    int          `yaml:"paid_within_days"`
	BenefitsAdviceURL URL          `yaml:"benefits_advice_url"`
}

// Checks lists the pre-appointment checks.
type Checks struct {
	DBSLevel           DBSLevel `yaml:"dbs_level"`
	References         int      `yaml:"references"`
	OccupationalHealth bool     `yaml:"occupational_health"`
}

// Training is one course partners take.
type Training struct {
	Name          string `yaml:"name"`
	URL           URL    `yaml:"url"`
	Duration      string `yaml:"duration"`
	Required      bool   `yaml:"required"`
	DueWithinDays int    `yaml:"due_within_days"`
}

// Induction describes the first months in the role.
type Induction struct {
	SettlingInMonths   int        `yaml:"settling_in_months"`
	ReviewPointsMonths []int      `yaml:"review_points_months"`
	SeniorLeader       ContactRef `yaml:"senior_leader"`
	Equipment          Equipment  `yaml:"equipment"`
}

// Equipment says what is ready for a partner on their first day.
type Equipment struct {
	Email   bool `yaml:"email"`
	Laptop  bool `yaml:"laptop"`
	IDBadge bool `yaml:"id_badge"`
}

// Governance holds the document-control defaults for every page.
type Governance struct {
	DefaultOwner      string     `yaml:"default_owner"`
	OwnerContact      ContactRef `yaml:"owner_contact"`
	ApprovedBy        string     `yaml:"approved_by"`
	ApprovedOn        Date       `yaml:"approved_on"`
	Version           string     `yaml:"version"`
	ReviewCycleMonths int        `yaml:"review_cycle_months"`
	DueSoonDays       int        `yaml:"due_soon_days"`
	ReferencePrefix   string     `yaml:"reference_prefix"`
}

// Accessibility fills the accessibility statement.
type Accessibility struct {
	ContactEmail Email      `yaml:"contact_email"`
	ContactPhone string     `yaml:"contact_phone"`
	ResponseDays int        `yaml:"response_days"`
	Compliance   Compliance `yaml:"compliance"`
	KnownIssues  []string   `yaml:"known_issues"`
	LastReviewed Date       `yaml:"last_reviewed"`
}

// Rule sets a check's severity, and for rules that measure something, the
// limit. In handbook.yaml it is either a severity ("broken_link: warning")
// or a mapping ("reading_grade: {severity: warning, max: 9}").
type Rule struct {
	Severity Severity `yaml:"severity"`
	Max      float64  `yaml:"max"`
	Pos      Pos      `yaml:"-"`
}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (r *Rule) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	r.Pos = Pos{n.Line + dec.LineOffset, n.Column}
	if n.Kind == yaml.ScalarNode {
		return r.Severity.UnmarshalYAMLNode(dec, n)
	}
	type plain Rule
	return dec.Decode(n, (*plain)(r))
}

// KnownContactKeys are the contact roles the starter handbook refers to, in
// the order the contacts list shows them.
var KnownContactKeys = []string{
	"sponsor", "patient_safety_specialist", "psp_manager", "executive_lead",
	"ftsu_guardian", "accessibility",
}

// Default returns the configuration used for every key handbook.yaml leaves
// out.
func Default() *Config {
	return &Config{
		Title:    "Patient Safety Partner handbook",
		Language: "en-GB",
		Starter:  true,
		Trust:    Trust{BrandColour: "#005EB8"},
		Induction: Induction{
			SettlingInMonths:   6,
			ReviewPointsMonths: []int{1, 3, 6},
		},
		Governance: Governance{
			ReviewCycleMonths: 36,
			DueSoonDays:       60,
		},
		Accessibility: Accessibility{ResponseDays: 5, Compliance: "partial"},
	}
}

// Placeholder returns the configuration of the reference file: a fictional
// trust whose every value is a marked placeholder. `handbook serve` uses it
// in a folder without handbook.yaml, to show the starter handbook.
func Placeholder() *Config {
	c, err := Parse("handbook.yaml", Reference)
	if err != nil {
		panic("config: reference.yaml does not load: " + err.Error())
	}
	return c
}

// Load reads handbook.yaml from fsys. display is the path errors show.
func Load(fsys fs.FS, display string) (*Config, error) {
	src, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf(display, 0, 0, "no %s here: run \"handbook init\" to create one", FileName)
		}
		return nil, diag.Errorf(display, 0, 0, "read: %v", err)
	}
	return Parse(display, src)
}

// Parse decodes and validates the bytes of a handbook.yaml. The returned
// error joins one diagnostic per problem found.
func Parse(display string, src []byte) (*Config, error) {
	src, err := textfile.Normalize(display, src)
	if err != nil {
		return nil, err
	}
	dec := &strictyaml.Decoder{
		Path:           display,
		UnknownKeyHint: "every key is described in the handbook.yaml that \"handbook init\" writes",
	}
	root, err := dec.Parse(src)
	if err != nil {
		return nil, err
	}
	c := Default()
	if root == nil {
		return nil, diag.Errorf(display, 1, 1, "the file is empty: it needs at least trust.name")
	}
	_ = dec.Decode(root, c)
	c.contactKeyNodes = map[string]Pos{}
	if n := strictyaml.Lookup(root, "contacts"); n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			c.contactKeyNodes[k.Value] = Pos{k.Line, k.Column}
		}
	}
	c.Display = display
	c.Source = src
	c.positions = map[string]Pos{}
	recordPositions(root, "", c.positions)
	c.validate(dec, root)
	if err := dec.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

var (
	contactKeyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	languageRE   = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	idRE         = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// validate checks what decoding alone cannot: required values, ranges,
// contrast, and references between parts of the file.
func (c *Config) validate(dec *strictyaml.Decoder, root *yaml.Node) {
	at := func(path ...string) *yaml.Node {
		if n := strictyaml.Lookup(root, path...); n != nil {
			return n
		}
		// Point at the nearest parent that is present.
		for i := len(path) - 1; i > 0; i-- {
			if n := strictyaml.Lookup(root, path[:i]...); n != nil {
				return n
			}
		}
		return root
	}
	if strings.TrimSpace(c.Title) == "" {
		dec.Errorf(at("title"), "title must not be empty")
	}
	if !languageRE.MatchString(c.Language) {
		dec.Errorf(at("language"), "language must be a language tag such as en-GB, got %q", c.Language)
	}
	if c.ID != "" && !idRE.MatchString(c.ID) {
		dec.Errorf(at("id"), "id must be lower-case letters, digits and hyphens, got %q", c.ID)
	}
	if strings.TrimSpace(c.Trust.Name) == "" {
		dec.Errorf(at("trust", "name"), "trust.name is required: the full name of your trust")
	}
	if c.Trust.Logo.Path != "" && strings.TrimSpace(c.Trust.Logo.Alt) == "" {
		dec.Errorf(at("trust", "logo"), "trust.logo.alt is required with a logo: the text a screen reader says instead of the picture, usually the trust's name")
	}
	if c.Trust.Logo.Path != "" {
		ext := strings.ToLower(c.Trust.Logo.Path[strings.LastIndexByte(c.Trust.Logo.Path, '.')+1:])
		if !slices.Contains([]string{"svg", "png", "jpg", "jpeg", "gif", "webp"}, ext) {
			dec.Errorf(at("trust", "logo", "path"), "trust.logo.path must be an SVG, PNG, JPEG, GIF or WebP file, got %q", c.Trust.Logo.Path)
		}
	}
	if ratio := c.Trust.BrandColour.Contrast("#FFFFFF"); ratio < 4.5 {
		dec.Errorf(at("trust", "brand_colour"),
			"trust.brand_colour %s has a contrast of %.2f:1 with white text; it needs at least 4.5:1 to be readable (try a darker shade such as %s)",
			c.Trust.BrandColour, ratio, darkEnough(c.Trust.BrandColour))
	}

	for key, ct := range c.Contacts {
		p := c.contactKeyNodes[key]
		node := &yaml.Node{Line: p.Line, Column: p.Col}
		if !contactKeyRE.MatchString(key) {
			dec.Errorf(node, "contact key %q must be lower case with underscores, such as ftsu_guardian", key)
		} else if !slices.Contains(KnownContactKeys, key) {
			if s := suggest.Closest(key, KnownContactKeys); s != "" {
				dec.Errorf(node, "unknown contact key %q (did you mean %q?)", key, s)
			}
		}
		if strings.TrimSpace(ct.Name) == "" {
			dec.Errorf(at("contacts", key), "contacts.%s.name is required", key)
		}
	}

	for i, cm := range c.Committees {
		idx := fmt.Sprint(i)
		n := committeeNode(root, i)
		if strings.TrimSpace(cm.Name) == "" {
			dec.Errorf(n, "committees[%s].name is required", idx)
		}
		if cm.PSPSeats < 0 {
			dec.Errorf(fieldNode(n, "psp_seats"), "psp_seats must be 0 or more, got %d", cm.PSPSeats)
		}
		if cm.PSPSeats == 0 && fieldNode(n, "psp_seats") == n {
			c.Committees[i].PSPSeats = 2
		}
	}

	positive := func(v float64, path ...string) {
		if v < 0 {
			dec.Errorf(at(path...), "%s must not be negative, got %g", strings.Join(path, "."), v)
		}
	}
	positive(c.Role.HoursPerMonth.Min, "role", "hours_per_month", "min")
	positive(c.Role.HoursPerMonth.Max, "role", "hours_per_month", "max")
	if c.Role.HoursPerMonth.Max > 0 && c.Role.HoursPerMonth.Min > c.Role.HoursPerMonth.Max {
		dec.Errorf(at("role", "hours_per_month"), "role.hours_per_month.min (%g) is more than max (%g)", c.Role.HoursPerMonth.Min, c.Role.HoursPerMonth.Max)
	}
	positive(float64(c.Role.TermMonths), "role", "term_months")
	positive(c.Payment.HalfDayMaxHours, "payment", "half_day_max_hours")
	positive(float64(c.Payment.PaidWithinDays), "payment", "paid_within_days")
	positive(float64(c.ChecksRequired.References), "checks_required", "references")
	if c.Induction.SettlingInMonths <= 0 {
		dec.Errorf(at("induction", "settling_in_months"), "induction.settling_in_months must be at least 1, got %d", c.Induction.SettlingInMonths)
	}
	for i, m := range c.Induction.ReviewPointsMonths {
		if m <= 0 {
			dec.Errorf(at("induction", "review_points_months"), "induction.review_points_months[%d] must be at least 1, got %d", i, m)
		}
	}
	if c.Governance.ReviewCycleMonths <= 0 {
		dec.Errorf(at("governance", "review_cycle_months"), "governance.review_cycle_months must be at least 1, got %d", c.Governance.ReviewCycleMonths)
	}
	positive(float64(c.Governance.DueSoonDays), "governance", "due_soon_days")
	positive(float64(c.Accessibility.ResponseDays), "accessibility", "response_days")
	for i, t := range c.Training {
		if strings.TrimSpace(t.Name) == "" {
			dec.Errorf(at("training"), "training[%d].name is required", i)
		}
		positive(float64(t.DueWithinDays), "training")
	}

	for _, ref := range []struct {
		ref  ContactRef
		path string
	}{
		{c.Role.ReportsTo, "role.reports_to"},
		{c.Role.AccountableTo, "role.accountable_to"},
		{c.Induction.SeniorLeader, "induction.senior_leader"},
		{c.Governance.OwnerContact, "governance.owner_contact"},
	} {
		if ref.ref.Key == "" {
			continue
		}
		if _, ok := c.Contacts[ref.ref.Key]; !ok {
			dec.Errorf(&yaml.Node{Line: ref.ref.Pos.Line, Column: ref.ref.Pos.Col},
				"%s refers to contact %q, which is not defined under contacts%s",
				ref.path, ref.ref.Key, suggest.Hint(ref.ref.Key, c.ContactKeys()))
		}
	}
}

func committeeNode(root *yaml.Node, i int) *yaml.Node {
	n := strictyaml.Lookup(root, "committees")
	if n != nil && n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return root
}

func fieldNode(n *yaml.Node, key string) *yaml.Node {
	if v := strictyaml.Lookup(n, key); v != nil {
		return v
	}
	return n
}

// darkEnough suggests the lightest darkening of c that passes 4.5:1.
func darkEnough(c Colour) Colour {
	for a := 0.05; a < 1; a += 0.05 {
		if d := c.Darken(a); d.Contrast("#FFFFFF") >= 4.5 {
			return d
		}
	}
	return "#000000"
}

// ContactKeys returns the defined contact keys: the known roles first, in
// their usual order, then any others alphabetically.
func (c *Config) ContactKeys() []string {
	var keys, others []string
	for _, k := range KnownContactKeys {
		if _, ok := c.Contacts[k]; ok {
			keys = append(keys, k)
		}
	}
	for k := range c.Contacts {
		if !slices.Contains(KnownContactKeys, k) {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	return append(keys, others...)
}

// HandbookID returns the identifier that keys browser storage, so two
// handbooks opened from one file share never mix their checklist ticks.
// It is the id key when set, otherwise derived from the trust and title.
func (c *Config) HandbookID() string {
	if c.ID != "" {
		return c.ID
	}
	var b bytes.Buffer
	last := byte('-')
	for _, r := range strings.ToLower(c.Trust.ShortName + " " + c.Trust.Name + " " + c.Title) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteByte(byte(r))
			last = byte(r)
		} else if last != '-' {
			b.WriteByte('-')
			last = '-'
		}
	}
	return strings.Trim(b.String(), "-")
}
