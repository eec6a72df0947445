package source

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/strictyaml"
	"github.com/nhs-psp/handbook/generator/internal/suggest"
	"go.yaml.in/yaml/v3"
)

// block is a front-matter block found by adrg/frontmatter: its raw text and
// which format it is in.
type block struct {
	data   []byte
	format string // "yaml" or "toml"
	found  bool
}

// split separates front matter from the body. It returns the block, the
// body, and the 1-based line on which the body starts. src must already be
// normalised (UTF-8, "\n" line endings).
func split(display string, src []byte) (block, []byte, int, error) {
	var b block
	capture := func(format string) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			b = block{data: bytes.Clone(data), format: format, found: true}
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), &b, formats...)
	if err != nil {
		return b, nil, 0, diag.Errorf(display, 1, 1, "read front matter: %v", err)
	}
	openLine := openingLine(src)
	if !b.found {
		if openLine > 0 {
			delim := strings.TrimSpace(strings.Split(string(src), "\n")[openLine-1])
			return b, nil, 0, diag.Errorf(display, openLine, 1,
				"front matter starting here is never closed: add a line with only %s after the last key", delim)
		}
		return b, src, 1, nil
	}
	consumed := len(src) - len(body)
	return b, body, bytes.Count(src[:consumed], []byte("\n")) + 1, nil
}

// openingLine returns the line of a "---" or "+++" delimiter that is the
// first non-blank line of src, or 0.
func openingLine(src []byte) int {
	for i := 0; len(src) > 0; i++ {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		t := string(bytes.TrimSpace(line))
		if t == "" {
			continue
		}
		if t == "---" || t == "+++" {
			return i + 1
		}
		return 0
	}
	return 0
}

// decodeMeta decodes a front-matter block into Meta. lineOffset is the
// line of the opening delimiter, so node lines map to file lines.
func decodeMeta(display string, b block, lineOffset int) (Meta, []*diag.Diagnostic) {
	var m Meta
	var warnings []*diag.Diagnostic
	dec := &strictyaml.Decoder{
		Path:       display,
		LineOffset: lineOffset,
		// Unknown keys are kept for templates; one that looks like a
		// misspelt known key is probably a mistake worth a warning.
		Unknown: func(key *yaml.Node, _ []string) {
			known := strictyaml.KnownKeys(reflect.TypeFor[Meta]())
			if s := suggest.Closest(key.Value, known); s != "" {
				w := diag.Warningf(display, key.Line+lineOffset, key.Column,
					"unknown front matter key %q (did you mean %q?); it is kept for templates but has no effect", key.Value, s)
				w.Rule = "frontmatter_key"
				warnings = append(warnings, w)
			}
		},
	}
	var root *yaml.Node
	var err error
	switch b.format {
	case "toml":
		root, err = tomlNode(display, b.data, lineOffset)
	default:
		root, err = dec.Parse(b.data)
	}
	if err != nil {
		return m, flattenDiags(display, err)
	}
	if root == nil {
		return m, nil
	}
	if root.Kind != yaml.MappingNode {
		return m, []*diag.Diagnostic{diag.Errorf(display, root.Line+lineOffset, root.Column,
			"front matter must be key: value pairs, such as \"title: About the role\"")}
	}
	_ = dec.Decode(root, &m)
	return m, append(dec.Diagnostics(), warnings...)
}

func flattenDiags(display string, err error) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, e := range diag.Flatten(err) {
		var d *diag.Diagnostic
		if errors.As(e, &d) {
			out = append(out, d)
		} else {
			out = append(out, diag.Errorf(display, 0, 0, "%v", e))
		}
	}
	return out
}

// tomlNode parses TOML front matter and re-expresses it as a YAML node tree
// so one strict decoder serves both formats. TOML's decoder does not report
// where each key is, so positions are recovered by finding each key's line.
func tomlNode(display string, data []byte, lineOffset int) (*yaml.Node, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, diag.Errorf(display, pe.Position.Line+lineOffset, max(pe.Position.Col, 1), "invalid TOML: %s", pe.Message)
		}
		return nil, diag.Errorf(display, lineOffset+1, 1, "invalid TOML: %v", err)
	}
	pos := tomlPositions(data)
	var build func(prefix string, v any) *yaml.Node
	build = func(prefix string, v any) *yaml.Node {
		p := pos[prefix]
		n := &yaml.Node{Line: p[0], Column: p[1]}
		switch v := v.(type) {
		case map[string]any:
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for _, k := range orderedKeys(md, prefix, v) {
				kp := strings.TrimPrefix(prefix+"."+k, ".")
				kpos := pos[kp]
				n.Content = append(n.Content,
					&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kpos[0], Column: kpos[1]},
					build(kp, v[k]))
			}
		case []map[string]any:
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for _, item := range v {
				n.Content = append(n.Content, build(prefix, item))
			}
		case []any:
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for _, item := range v {
				n.Content = append(n.Content, build(prefix, item))
			}
		default:
			n.Kind = yaml.ScalarNode
			n.Tag, n.Value = tomlScalar(v)
		}
		return n
	}
	return build("", m), nil
}

func orderedKeys(md toml.MetaData, prefix string, m map[string]any) []string {
	var keys []string
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		parent := ""
		if len(k) > 1 {
			parent = toml.Key(k[:len(k)-1]).String()
		}
		if parent == prefix {
			name := k[len(k)-1]
			if _, ok := m[name]; ok && !seen[name] {
				keys = append(keys, name)
				seen[name] = true
			}
		}
	}
	// Keys inside arrays of tables are not listed by md.Keys under this
	// prefix; add them in a stable order.
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

func tomlScalar(v any) (tag, value string) {
	switch v := v.(type) {
	case string:
		return "!!str", v
	case bool:
		return "!!bool", fmt.Sprint(v)
	case int64:
		return "!!int", fmt.Sprint(v)
	case float64:
		return "!!float", fmt.Sprint(v)
	case interface{ Format(string) string }:
		return "!!str", v.Format("2006-01-02")
	case nil:
		return "!!null", ""
	}
	return "!!str", fmt.Sprint(v)
}

// tomlPositions maps dotted key paths to the line and column where each key
// is written, following [table] and [[array]] headers.
func tomlPositions(data []byte) map[string][2]int {
	pos := map[string][2]int{}
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		switch {
		case strings.HasPrefix(t, "[["):
			table = strings.TrimSpace(strings.Trim(t, "[]"))
			if _, ok := pos[table]; !ok {
				pos[table] = [2]int{i + 1, col}
			}
		case strings.HasPrefix(t, "["):
			table = strings.TrimSpace(strings.Trim(t, "[]"))
			pos[table] = [2]int{i + 1, col}
		default:
			k, _, ok := strings.Cut(t, "=")
			if !ok || strings.HasPrefix(t, "#") {
				continue
			}
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			full := strings.TrimPrefix(table+"."+k, ".")
			if _, seen := pos[full]; !seen {
				pos[full] = [2]int{i + 1, col}
			}
		}
	}
	return pos
}
