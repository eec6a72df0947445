package strictyaml

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestAliasExpansionBounded checks that Parse refuses documents whose
// aliases expand past the node budget, at the alias that crosses it, and
// quickly, while ordinary aliases and large plain documents are left to
// Decode. Before the check, Decode's budget was the only guard, and
// callers that follow aliases themselves (Lookup, config's position index,
// merge keys) took exponential time.
func TestAliasExpansionBounded(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	start := time.Now()
	d := &Decoder{Path: "f.yaml", LineOffset: 1}
	_, err := d.Parse([]byte(bomb.String()))
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("Parse took %v", took)
	}
	want := "f.yaml:6:45: too many aliases: with every *alias expanded, this YAML holds more than 100000 values"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want %s…", err, want)
	}

	for name, src := range map[string]string{
		"a few aliases":         "base: &b {name: x}\none: *b\ntwo: *b\nthree: {<<: *b, extra: 1}\n",
		"large without aliases": "list: [" + strings.Repeat("x, ", 100500) + "x]\n",
	} {
		d := &Decoder{Path: "f.yaml"}
		if _, err := d.Parse([]byte(src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
