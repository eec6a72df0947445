package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/markdown"
)

// sampleResult runs the checks over a small handbook with findings in
// three files, one of them handbook.yaml, and two external links.
func sampleResult(t *testing.T) *Result {
	t.Helper()
	cfg := parseConfig(t, baseConfig+"rules:\n  brokn_link: warning\n")
	about := page("about/", "content/about.md")
	about.Meta.ApprovedOn = date("2023-01-15")
	about.Headings = []markdown.Heading{{Level: 2, Text: "Who we are", Line: 5, Col: 1}, {Level: 4, Text: "Details", Line: 9, Col: 1}}
	ext := link("https://www.england.nhs.uk/patient-safety/", 7, 12)
	ext.Text = "click here"
	about.Links = []markdown.Link{ext, link("contacts.md#sponsr", 11, 1)}
	contacts := page("contacts/", "content/contacts.md")
	contacts.Title = "Contacts"
	contacts.IDs = map[string]bool{"sponsor": true}
	mail := link("mailto:psp@example.nhs.uk", 4, 3)
	mail.Kind, mail.Text = markdown.LinkExternal, "psp@example.nhs.uk"
	contacts.Links = []markdown.Link{mail}
	clean := page("", "starter:_index.md")
	clean.Starter = true
	return Run(Input{Pages: []*Page{clean, about, contacts}, Config: cfg, Today: today})
}

func TestWriteText(t *testing.T) {
	res := sampleResult(t)
	var b bytes.Buffer
	if err := WriteText(&b, res, false); err != nil {
		t.Fatal(err)
	}
	golden(t, "output.txt", b.Bytes())
	if strings.Contains(b.String(), "\x1b[") {
		t.Error("colour codes without color")
	}

	b.Reset()
	if err := WriteText(&b, res, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\x1b[31merror  \x1b[0m", "\x1b[33mwarning\x1b[0m", "\x1b[31m2 errors\x1b[0m"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("coloured output lacks %q:\n%s", want, b.String())
		}
	}

	b.Reset()
	if err := WriteText(&b, &Result{Pages: 40}, false); err != nil {
		t.Fatal(err)
	}
	if want := "No external links.\nNo problems found in 40 pages.\n"; b.String() != want {
		t.Errorf("clean output = %q, want %q", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	res := sampleResult(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, res, res.Pages); err != nil {
		t.Fatal(err)
	}
	golden(t, "output.json", b.Bytes())

	// Empty lists are [], never null.
	b.Reset()
	if err := WriteJSON(&b, &Result{}, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"findings": []`) || !strings.Contains(b.String(), `"external_links": []`) {
		t.Errorf("empty result:\n%s", b.String())
	}
}

// TestJSONMatchesSchema validates WriteJSON's output against schema.json.
func TestJSONMatchesSchema(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema, &schema); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	for name, res := range map[string]*Result{"sample": sampleResult(t), "empty": {}} {
		var b bytes.Buffer
		if err := WriteJSON(&b, res, res.Pages); err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, err := range validate(schema, doc, "$") {
			t.Errorf("%s: %v", name, err)
		}
	}

	// The validator itself rejects what it should.
	bad := map[string]string{
		"missing key":   `{"version":1,"summary":{"pages":1,"errors":0,"warnings":0},"findings":[]}`,
		"extra key":     `{"version":1,"summary":{"pages":1,"errors":0,"warnings":0},"findings":[],"external_links":[],"x":1}`,
		"wrong version": `{"version":2,"summary":{"pages":1,"errors":0,"warnings":0},"findings":[],"external_links":[]}`,
		"negative":      `{"version":1,"summary":{"pages":-1,"errors":0,"warnings":0},"findings":[],"external_links":[]}`,
		"severity":      `{"version":1,"summary":{"pages":1,"errors":0,"warnings":0},"findings":[{"path":"a","line":1,"column":1,"severity":"off","rule":"x","message":"m"}],"external_links":[]}`,
		"not integer":   `{"version":1,"summary":{"pages":1.5,"errors":0,"warnings":0},"findings":[],"external_links":[]}`,
		"wrong type":    `{"version":1,"summary":{"pages":1,"errors":0,"warnings":0},"findings":{},"external_links":[]}`,
	}
	for name, src := range bad {
		var doc any
		if err := json.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		if errs := validate(schema, doc, "$"); len(errs) == 0 {
			t.Errorf("%s: the validator accepted %s", name, src)
		}
	}
}

// TestSchemaDocumentsRules checks that the schema's description of "rule"
// names every rule, and that every property is described.
func TestSchemaDocumentsRules(t *testing.T) {
	desc := string(JSONSchema)
	for _, name := range RuleNames() {
		if !strings.Contains(desc, name) {
			t.Errorf("schema.json does not mention rule %s", name)
		}
	}
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema, &schema); err != nil {
		t.Fatal(err)
	}
	var walk func(s map[string]any, at string)
	walk = func(s map[string]any, at string) {
		if props, ok := s["properties"].(map[string]any); ok {
			for name, p := range props {
				ps := p.(map[string]any)
				if d, _ := ps["description"].(string); d == "" {
					t.Errorf("schema.json: %s.%s has no description", at, name)
				}
				walk(ps, at+"."+name)
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(items, at+"[]")
		}
	}
	walk(schema, "$")
}

func TestResultCount(t *testing.T) {
	r := &Result{Findings: []*diag.Diagnostic{{Severity: diag.Error}, {Severity: diag.Warning}, {Severity: diag.Warning}}}
	if r.Count(diag.Error) != 1 || r.Count(diag.Warning) != 2 {
		t.Errorf("Count = %d errors, %d warnings", r.Count(diag.Error), r.Count(diag.Warning))
	}
}
