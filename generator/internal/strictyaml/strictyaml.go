// Package strictyaml decodes YAML into typed Go values strictly and with
// positions: every unknown key, wrong type or duplicate key becomes a
// diag.Diagnostic at its own line and column, and decoding goes on so one
// run reports every mistake in a file.
//
// It walks the node tree of go.yaml.in/yaml/v3 itself instead of using that
// package's reflection, because yaml's own errors carry a line but no column
// and stop at the first problem. Struct fields are matched by their `yaml`
// tag. A field tagged `yaml:",extra"` of type map[string]any receives keys
// the struct does not declare; a struct without one rejects them.
package strictyaml

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/suggest"
	"go.yaml.in/yaml/v3"
)

// maxNodes bounds how many nodes one Decode may visit, counting each
// expansion of an alias afresh. It refuses "billion laughs" documents,
// whose aliases of aliases expand exponentially, long before they cost
// noticeable time or memory.
const maxNodes = 100_000

// Unmarshaler is implemented by types that decode themselves from a node,
// such as dates, colours and e-mail addresses. Errors returned by
// UnmarshalYAMLNode that are not already diagnostics are reported at n.
type Unmarshaler interface {
	UnmarshalYAMLNode(d *Decoder, n *yaml.Node) error
}

// Decoder decodes nodes of one file.
type Decoder struct {
	// Path names the file in diagnostics.
	Path string
	// LineOffset is added to node lines, for YAML that starts part-way
	// through a file (front matter starts on line 2).
	LineOffset int
	// UnknownKeyHint, when set, is added to messages about unknown keys,
	// for example to say where the valid keys are documented.
	UnknownKeyHint string
	// Unknown is called, when set, for each key a struct with an ",extra"
	// field keeps but does not declare, with the declared names, so the
	// caller can warn about probable misspellings.
	Unknown func(key *yaml.Node, known []string)

	diags   []*diag.Diagnostic
	errors  int
	visited int
	stopped bool
}

// Parse parses src as one YAML document. An empty document gives a nil node.
// Syntax errors become diagnostics at the offending line (yaml/v3 reports no
// column, so the column is that of the first non-blank character, or of the
// first tab when a tab is to blame).
func (d *Decoder) Parse(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, d.syntaxError(src, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	// Refuse "billion laughs" documents here, before anyone walks the
	// tree: the budget in decode only guards Decode, while callers also
	// follow aliases themselves (Lookup, config's position index, merge
	// keys in pairs), which would otherwise take exponential time.
	if n := tooManyAliases(doc.Content[0]); n != nil {
		return nil, diag.Errorf(d.Path, d.line(n), d.col(n),
			"too many aliases: with every *alias expanded, this YAML holds more than %d values; write the values out instead of repeating aliases of aliases", maxNodes)
	}
	return doc.Content[0], nil
}

// tooManyAliases returns the node at which root, with every alias
// expanded, grows past maxNodes nodes, or nil when it stays within (or
// has no aliases: a plain large document is left to Decode's budget). It
// takes time linear in the size of the unexpanded tree: the expanded size
// of each node is worked out once.
func tooManyAliases(root *yaml.Node) *yaml.Node {
	sizes := map[*yaml.Node]int{}
	aliases := false
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			aliases = true
			n = n.Alias
		}
		if s, ok := sizes[n]; ok {
			return s
		}
		sizes[n] = maxNodes + 1 // a cycle counts as too many
		s := 1
		for _, c := range n.Content {
			s = min(s+size(c), maxNodes+1)
		}
		sizes[n] = s
		return s
	}
	if size(root) <= maxNodes || !aliases {
		return nil
	}
	// Point at the first node, in document order, whose expansion crosses
	// the limit: the alias the author should look at.
	total := 0
	var at *yaml.Node
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode {
			if total += size(n); total > maxNodes {
				at = n
				return true
			}
			return false
		}
		total++
		for _, c := range n.Content {
			if walk(c) {
				return true
			}
		}
		if total > maxNodes && at == nil {
			at = n
			return true
		}
		return false
	}
	walk(root)
	if at == nil {
		at = root
	}
	return at
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (d *Decoder) syntaxError(src []byte, err error) error {
	msg := err.Error()
	line, col := 1, 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := strings.Split(string(src), "\n")
	if line >= 1 && line <= len(lines) {
		text := lines[line-1]
		if i := strings.IndexByte(text, '\t'); i >= 0 && (strings.Contains(msg, "cannot start any token") || strings.Contains(msg, "tab")) {
			col = i + 1
			msg = "a tab character is not allowed here: YAML indents with spaces only"
		} else {
			col = len(text) - len(strings.TrimLeft(text, " \t")) + 1
		}
	}
	return diag.Errorf(d.Path, line+d.LineOffset, col, "invalid YAML: %s", msg)
}

// maxErrors bounds the errors one file reports; past it, decoding stops.
const maxErrors = 50

// Errorf records an error at node n and returns it.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) *diag.Diagnostic {
	e := diag.Errorf(d.Path, d.line(n), d.col(n), format, args...)
	if d.errors++; d.errors > maxErrors {
		if !d.stopped {
			d.stopped = true
			d.diags = append(d.diags, diag.Errorf(d.Path, d.line(n), d.col(n), "too many errors; stopped reading the file here"))
		}
		return e
	}
	d.diags = append(d.diags, e)
	return e
}

// Warnf records a warning at node n.
func (d *Decoder) Warnf(n *yaml.Node, format string, args ...any) {
	d.diags = append(d.diags, diag.Warningf(d.Path, d.line(n), d.col(n), format, args...))
}

// Diagnostics returns everything recorded so far, warnings included.
func (d *Decoder) Diagnostics() []*diag.Diagnostic { return d.diags }

// Err joins the error-severity diagnostics recorded so far.
func (d *Decoder) Err() error {
	var errs []error
	for _, e := range d.diags {
		if e.Severity == diag.Error {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// Line returns n's line in the file.
func (d *Decoder) line(n *yaml.Node) int {
	if n == nil || n.Line == 0 {
		return 0
	}
	return n.Line + d.LineOffset
}

func (d *Decoder) col(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Column
}

// Decode decodes n into the value v points to. Keys absent from n leave
// v's fields untouched, so v may be pre-filled with defaults. It returns
// the joined error-severity diagnostics of this call.
func (d *Decoder) Decode(n *yaml.Node, v any) error {
	before := len(d.diags)
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("strictyaml: Decode needs a non-nil pointer")
	}
	d.decode(n, rv.Elem())
	var errs []error
	for _, e := range d.diags[before:] {
		if e.Severity == diag.Error {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// DecodeValue decodes n into v (used by Unmarshaler implementations for
// their parts).
func (d *Decoder) DecodeValue(n *yaml.Node, v reflect.Value) { d.decode(n, v) }

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

func (d *Decoder) decode(n *yaml.Node, v reflect.Value) {
	if n == nil || d.stopped {
		return
	}
	d.visited++
	if d.visited > maxNodes {
		d.stopped = true
		d.Errorf(n, "document too large or too many aliases (more than %d values after expanding aliases)", maxNodes)
		return
	}
	if n.Kind == yaml.AliasNode {
		d.decode(n.Alias, v)
		return
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) > 0 {
			d.decode(n.Content[0], v)
		}
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if isNull(n) {
			return
		}
		if err := v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(d, n); err != nil {
			var dd *diag.Diagnostic
			if !errors.As(err, &dd) {
				d.Errorf(n, "%s", err.Error())
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	case reflect.Slice:
		d.decodeSlice(n, v)
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(d.generic(n)))
			return
		}
		d.Errorf(n, "cannot decode into %s", v.Type())
	case reflect.String:
		if s, ok := d.scalar(n, "text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		s, ok := d.scalar(n, "true or false")
		if !ok {
			return
		}
		switch strings.ToLower(s) {
		case "true", "yes", "on":
			v.SetBool(true)
		case "false", "no", "off":
			v.SetBool(false)
		default:
			d.Errorf(n, "want true or false, got %q", s)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := d.scalar(n, "a whole number")
		if !ok {
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, v.Type().Bits())
		if err != nil {
			d.Errorf(n, "want a whole number, got %q", s)
			return
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		s, ok := d.scalar(n, "a number")
		if !ok {
			return
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.Errorf(n, "want a number, got %q", s)
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("strictyaml: unsupported kind %s", v.Kind()))
	}
}

// Scalar returns n's text when n is a scalar, and otherwise records an
// error saying what was wanted.
func (d *Decoder) Scalar(n *yaml.Node, want string) (string, bool) { return d.scalar(n, want) }

func (d *Decoder) scalar(n *yaml.Node, want string) (string, bool) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "want %s, got %s", want, describe(n))
		return "", false
	}
	if isNull(n) {
		return "", false
	}
	return n.Value, true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of key: value pairs"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// checkHiddenValue catches "colour: #005EB8": YAML reads everything
// from the # as a comment, so the value is silently empty.
func (d *Decoder) checkHiddenValue(k, val *yaml.Node) {
	if !isNull(val) || val.Value != "" {
		return
	}
	for _, c := range []string{val.LineComment, k.LineComment} {
		if len(c) > 1 && c[0] == '#' && c[1] != ' ' && c[1] != '#' {
			word, _, _ := strings.Cut(c, " ")
			d.Errorf(k, "%s has no value: YAML reads everything from # as a comment; put the value in quotes: %s: \"%s\"", k.Value, k.Value, word)
			return
		}
	}
}

// field describes one decodable struct field.
type field struct {
	name  string
	index []int
}

func structFields(t reflect.Type) (fields []field, extra []int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts == "extra" {
			extra = f.Index
			continue
		}
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			inner, innerExtra := structFields(f.Type)
			for _, in := range inner {
				fields = append(fields, field{in.name, append([]int{i}, in.index...)})
			}
			if innerExtra != nil {
				extra = append([]int{i}, innerExtra...)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, field{name, f.Index})
	}
	return fields, extra
}

// KnownKeys returns the YAML key names of struct type t, in declaration order.
func KnownKeys(t reflect.Type) []string {
	fields, _ := structFields(t)
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// pairs returns the key/value node pairs of mapping n with merge keys
// ("<<: *base") expanded first, so explicit keys win over merged ones.
// Duplicate keys are reported.
func (d *Decoder) pairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			for _, m := range mergeSources(val) {
				out = append(out, d.pairs(m)...)
			}
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.Errorf(k, "duplicate key %q (first given on line %d)", k.Value, d.line(first))
			continue
		}
		seen[k.Value] = k
		out = append(out, [2]*yaml.Node{k, val})
	}
	return out
}

func mergeSources(n *yaml.Node) []*yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			out = append(out, mergeSources(c)...)
		}
		return out
	}
	return nil
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			return
		}
		d.Errorf(n, "want a set of key: value pairs, got %s", describe(n))
		return
	}
	fields, extraIndex := structFields(v.Type())
	byName := make(map[string]field, len(fields))
	names := make([]string, len(fields))
	for i, f := range fields {
		byName[f.name] = f
		names[i] = f.name
	}
	for _, kv := range d.pairs(n) {
		k, val := kv[0], kv[1]
		d.checkHiddenValue(k, val)
		f, ok := byName[k.Value]
		if ok {
			d.decode(val, v.FieldByIndex(f.index))
			continue
		}
		if extraIndex != nil {
			m := v.FieldByIndex(extraIndex)
			if m.IsNil() {
				m.Set(reflect.MakeMap(m.Type()))
			}
			m.SetMapIndex(reflect.ValueOf(k.Value), reflect.ValueOf(d.generic(val)))
			if d.Unknown != nil {
				d.Unknown(k, names)
			}
			continue
		}
		hint := suggest.Hint(k.Value, names)
		if hint == "" && d.UnknownKeyHint != "" {
			hint = "; " + d.UnknownKeyHint
		}
		d.Errorf(k, "unknown key %q%s", k.Value, hint)
	}
}

func (d *Decoder) decodeMap(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			return
		}
		d.Errorf(n, "want a set of key: value pairs, got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for _, kv := range d.pairs(n) {
		key := reflect.New(v.Type().Key()).Elem()
		d.decode(kv[0], key)
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(key); old.IsValid() {
			elem.Set(old)
		}
		d.decode(kv[1], elem)
		v.SetMapIndex(key, elem)
	}
}

func (d *Decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.SequenceNode {
		if isNull(n) {
			return
		}
		d.Errorf(n, "want a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i))
	}
	v.Set(s)
}

// generic decodes n into plain Go values: map[string]any, []any, string,
// int, float64, bool or nil. Timestamps stay strings.
func (d *Decoder) generic(n *yaml.Node) any {
	d.visited++
	if d.visited > maxNodes {
		if !d.stopped {
			d.stopped = true
			d.Errorf(n, "document too large or too many aliases (more than %d values after expanding aliases)", maxNodes)
		}
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.generic(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for _, kv := range d.pairs(n) {
			m[kv[0].Value] = d.generic(kv[1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, d.generic(c))
		}
		return s
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool":
			return strings.EqualFold(n.Value, "true")
		case "!!int":
			if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
				return int(i)
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return f
			}
		}
		return n.Value
	}
	return nil
}

// Lookup returns the value node under a dotted key path in mapping n, or nil.
func Lookup(n *yaml.Node, path ...string) *yaml.Node {
	for _, key := range path {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}
