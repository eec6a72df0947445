package config

import (
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"go.yaml.in/yaml/v3"
)

// Pos is a place in handbook.yaml, kept on values that are checked against
// other parts of the configuration after decoding.
type Pos struct{ Line, Col int }

// Date is a calendar date without a time of day, written 2025-04-01.
type Date struct{ time.Time }

// ParseDate reads a date written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("want a date written YYYY-MM-DD, for example 2025-04-01, got %q", s)
	}
	return Date{t}, nil
}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (d *Date) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "a date (YYYY-MM-DD)")
	if !ok || strings.TrimSpace(s) == "" {
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// String formats the date the NHS way: "1 April 2025". A zero date is "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2 January 2006")
}

// ISO formats the date as YYYY-MM-DD.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// AddMonths returns the date n calendar months later. The day is clamped
// to the end of a shorter month (31 January + 1 month = 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return Date{time.Date(first.Year(), first.Month(), min(day, last), 0, 0, 0, 0, time.UTC)}
}

// Colour is a CSS hex colour, stored as "#RRGGBB" in upper case.
type Colour string

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// ParseColour reads "#RGB" or "#RRGGBB".
func ParseColour(s string) (Colour, error) {
	s = strings.TrimSpace(s)
	if !hexColour.MatchString(s) {
		return "", fmt.Errorf("want a hex colour such as \"#005EB8\", got %q (put it in quotes: a bare # starts a YAML comment)", s)
	}
	if len(s) == 4 {
		s = "#" + strings.Repeat(s[1:2], 2) + strings.Repeat(s[2:3], 2) + strings.Repeat(s[3:4], 2)
	}
	return Colour(strings.ToUpper(s)), nil
}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (c *Colour) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "a hex colour")
	if !ok || strings.TrimSpace(s) == "" {
		return nil
	}
	v, err := ParseColour(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// RGB returns the colour's channels, 0–255.
func (c Colour) RGB() (r, g, b uint8) {
	v, _ := strconv.ParseUint(strings.TrimPrefix(string(c), "#"), 16, 32)
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}

// luminance is the WCAG relative luminance.
func (c Colour) luminance() float64 {
	r, g, b := c.RGB()
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast returns the WCAG contrast ratio between c and other, from 1 to 21.
func (c Colour) Contrast(other Colour) float64 {
	a, b := c.luminance(), other.luminance()
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// Darken mixes c with black; amount 0 leaves it, 1 gives black.
func (c Colour) Darken(amount float64) Colour {
	r, g, b := c.RGB()
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v) * (1 - amount))) }
	return Colour(fmt.Sprintf("#%02X%02X%02X", f(r), f(g), f(b)))
}

// Email is an e-mail address.
type Email string

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (e *Email) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "an e-mail address")
	if !ok || strings.TrimSpace(s) == "" {
		return nil
	}
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return fmt.Errorf("want an e-mail address such as \"name@nhs.net\", got %q", s)
	}
	*e = Email(s)
	return nil
}

// URL is an absolute http or https web address.
type URL string

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (u *URL) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "a web address")
	if !ok || strings.TrimSpace(s) == "" {
		return nil
	}
	s = strings.TrimSpace(s)
	p, err := url.Parse(s)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("want a full web address starting https://, got %q", s)
	}
	*u = URL(s)
	return nil
}

// Money is an amount in pounds sterling, held in pence.
type Money int64

// ParseMoney reads 150, 75.5, "£150" or "£75.50".
func ParseMoney(s string) (Money, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "£")
	t = strings.ReplaceAll(t, ",", "")
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) || f > 1e9 {
		return 0, fmt.Errorf("want an amount in pounds such as 150 or 75.50, got %q", s)
	}
	p := math.Round(f * 100)
	if math.Abs(p-f*100) > 1e-6 {
		return 0, fmt.Errorf("want an amount in pounds and whole pence, got %q", s)
	}
	return Money(p), nil
}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (m *Money) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "an amount in pounds")
	if !ok || strings.TrimSpace(s) == "" {
		return nil
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// String formats the amount as "£150", or "£75.50" when there are pence.
func (m Money) String() string {
	pounds, pence := int64(m)/100, int64(m)%100
	p := strconv.FormatInt(pounds, 10)
	if len(p) > 3 {
		var b strings.Builder
		for i, c := range p {
			if i > 0 && (len(p)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		p = b.String()
	}
	if pence == 0 {
		return "£" + p
	}
	return fmt.Sprintf("£%s.%02d", p, pence)
}

// ContactRef names an entry of contacts by its key, for example "sponsor".
// Validate checks that the entry exists.
type ContactRef struct {
	Key string
	Pos Pos
}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (c *ContactRef) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, ok := dec.Scalar(n, "a contact key such as sponsor")
	if !ok {
		return nil
	}
	*c = ContactRef{Key: strings.TrimSpace(s), Pos: Pos{n.Line + dec.LineOffset, n.Column}}
	return nil
}

// String returns the key.
func (c ContactRef) String() string { return c.Key }

// enum decodes a scalar that must be one of allowed.
func enum(dec *strictyaml.Decoder, n *yaml.Node, allowed ...string) (string, error) {
	s, ok := dec.Scalar(n, "one of "+strings.Join(allowed, ", "))
	if !ok {
		return "", nil
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", fmt.Errorf("want one of %s, got %q", strings.Join(allowed, ", "), s)
}

// Frequency is how often a committee meets.
type Frequency string

// Frequencies lists the allowed Frequency values.
var Frequencies = []string{"weekly", "fortnightly", "monthly", "bimonthly", "quarterly", "other"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (f *Frequency) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, Frequencies...)
	*f = Frequency(s)
	return err
}

// String returns the frequency in words: "every month", "every 2 months".
func (f Frequency) String() string {
	switch f {
	case "weekly":
		return "every week"
	case "fortnightly":
		return "every 2 weeks"
	case "monthly":
		return "every month"
	case "bimonthly":
		return "every 2 months"
	case "quarterly":
		return "every 3 months"
	case "other":
		return "as arranged"
	}
	return string(f)
}

// Label returns the frequency in words with a capital letter, for the
// start of a table cell: "Every month".
func (f Frequency) Label() string {
	s := f.String()
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Mode is how a meeting is held.
type Mode string

// Modes lists the allowed Mode values.
var Modes = []string{"in_person", "online", "hybrid"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (m *Mode) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, Modes...)
	*m = Mode(s)
	return err
}

// String returns the mode in words.
func (m Mode) String() string {
	switch m {
	case "in_person":
		return "in person"
	case "online":
		return "online"
	case "hybrid":
		return "in person or online"
	}
	return string(m)
}

// Engagement is the agreement under which a partner works with the trust.
type Engagement string

// Engagements lists the allowed Engagement values.
var Engagements = []string{"honorary_contract", "letter_of_appointment", "volunteer_agreement"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (e *Engagement) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, Engagements...)
	*e = Engagement(s)
	return err
}

// String returns the engagement in words.
func (e Engagement) String() string {
	switch e {
	case "honorary_contract":
		return "an honorary contract"
	case "letter_of_appointment":
		return "a letter of appointment"
	case "volunteer_agreement":
		return "a volunteer agreement"
	}
	return string(e)
}

// PaymentModel says whether partners are paid for their time.
type PaymentModel string

// PaymentModels lists the allowed PaymentModel values.
var PaymentModels = []string{"involvement_payment", "expenses_only"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (p *PaymentModel) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, PaymentModels...)
	*p = PaymentModel(s)
	return err
}

// PaysForTime reports whether partners are paid for their time.
func (p PaymentModel) PaysForTime() bool { return p != "expenses_only" }

// String returns the model in words.
func (p PaymentModel) String() string {
	switch p {
	case "involvement_payment":
		return "an involvement payment for your time, plus expenses"
	case "expenses_only":
		return "expenses only"
	}
	return string(p)
}

// DBSLevel is the level of criminal record check.
type DBSLevel string

// DBSLevels lists the allowed DBSLevel values.
var DBSLevels = []string{"none", "basic", "standard", "enhanced"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (l *DBSLevel) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, DBSLevels...)
	*l = DBSLevel(s)
	return err
}

// String returns the level in words.
func (l DBSLevel) String() string {
	switch l {
	case "none":
		return "no criminal record check"
	case "basic":
		return "a basic DBS check"
	case "standard":
		return "a standard DBS check"
	case "enhanced":
		return "an enhanced DBS check"
	}
	return string(l)
}

// Compliance is how far the site meets the accessibility standard, in the
// words of the model accessibility statement.
type Compliance string

// Compliances lists the allowed Compliance values.
var Compliances = []string{"full", "partial", "none"}

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (c *Compliance) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	s, err := enum(dec, n, Compliances...)
	*c = Compliance(s)
	return err
}

// String returns the statement's wording.
func (c Compliance) String() string {
	switch c {
	case "full":
		return "fully compliant"
	case "partial":
		return "partially compliant"
	case "none":
		return "not compliant"
	}
	return string(c)
}

// Severity is a rule's severity in the rules map: error, warning or off.
type Severity string

// UnmarshalYAMLNode implements strictyaml.Unmarshaler.
func (s *Severity) UnmarshalYAMLNode(dec *strictyaml.Decoder, n *yaml.Node) error {
	v, err := enum(dec, n, "error", "warning", "off")
	*s = Severity(v)
	return err
}
