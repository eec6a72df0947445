package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// ValidateJSON checks a document written by WriteJSON against JSONSchema,
// so CI jobs and tests can rely on the documented shape.
func ValidateJSON(doc []byte) error {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema, &schema); err != nil {
		return fmt.Errorf("schema.json: %w", err)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return err
	}
	return errors.Join(validate(schema, v, "$")...)
}

// validate checks doc against the subset of JSON Schema that schema.json
// uses: type, required, properties, items, enum, additionalProperties:
// false and minimum. Any other keyword, apart from annotations, is an
// error, so the schema cannot use a keyword this validator ignores.
func validate(schema map[string]any, doc any, at string) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(at+": "+format, args...)) }
	for key := range schema {
		switch key {
		case "type", "required", "properties", "items", "enum", "additionalProperties", "minimum",
			"$schema", "title", "description":
		default:
			fail("schema keyword %q is not supported by this validator", key)
		}
	}
	if typ, ok := schema["type"].(string); ok && !hasType(doc, typ) {
		fail("want %s, got %T", typ, doc)
		return errs
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(enum, func(v any) bool { return v == doc }) {
		fail("%v is not one of %v", doc, enum)
	}
	if minimum, ok := schema["minimum"].(float64); ok {
		if n, ok := doc.(float64); ok && n < minimum {
			fail("%v is less than %v", n, minimum)
		}
	}
	if obj, ok := doc.(map[string]any); ok {
		props, _ := schema["properties"].(map[string]any)
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := obj[r.(string)]; !ok {
					fail("missing required %q", r)
				}
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if ap, ok := schema["additionalProperties"].(bool); ok && !ap {
					fail("unexpected key %q", k)
				}
				continue
			}
			errs = append(errs, validate(sub, obj[k], at+"."+k)...)
		}
	}
	if arr, ok := doc.([]any); ok {
		if items, ok := schema["items"].(map[string]any); ok {
			for i, v := range arr {
				errs = append(errs, validate(items, v, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func hasType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		n, ok := v.(float64)
		return ok && n == math.Trunc(n)
	case "number":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}
