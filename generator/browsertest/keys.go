package browsertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// keyEvents returns the key events that press and release key, a name such as
// "Tab", "ArrowDown" or "a", after optional modifiers such as "Shift+".
//
// It sends the events as Puppeteer does: a keyDown with the text of the key
// when the key has text, which makes the page see keydown and keypress, or a
// rawKeyDown when it has none, and then a keyUp.
func keyEvents(key string) ([]input.DispatchKeyEventParams, error) {
	modifiers, name, err := splitModifiers(key)
	if err != nil {
		return nil, err
	}
	k, err := lookupKey(name)
	if err != nil {
		return nil, err
	}
	if k.Shift {
		modifiers |= int64(kb.ModifierShift)
	}
	down := input.DispatchKeyEventParams{
		Type:                  input.DispatchKeyEventTypeRawKeyDown,
		Modifiers:             modifiers,
		Key:                   k.Key,
		Code:                  k.Code,
		WindowsVirtualKeyCode: k.Windows,
		NativeVirtualKeyCode:  k.Native,
	}
	up := down
	up.Type = input.DispatchKeyEventTypeKeyUp
	// A key with Control, Alt or Meta types no text: it is a shortcut.
	shortcut := modifiers&^int64(kb.ModifierShift) != 0
	if k.Print && k.Text != "" && !shortcut {
		down.Type = input.DispatchKeyEventTypeKeyDown
		down.Text = k.Text
		down.UnmodifiedText = k.Unmodified
	}
	return []input.DispatchKeyEventParams{down, up}, nil
}

// splitModifiers splits "Shift+Control+Tab" into the bits of the modifiers and
// the name of the key.
func splitModifiers(key string) (modifiers int64, name string, err error) {
	name = key
	for {
		prefix, rest, ok := strings.Cut(name, "+")
		if !ok || rest == "" {
			// No modifier left, or the key is "+" itself, as in "Shift++".
			break
		}
		var m kb.Modifier
		switch prefix {
		case "Shift":
			m = kb.ModifierShift
		case "Control", "Ctrl":
			m = kb.ModifierCtrl
		case "Alt":
			m = kb.ModifierAlt
		case "Meta", "Command":
			m = kb.ModifierMeta
		default:
			return 0, "", fmt.Errorf("unknown modifier %q: use Shift, Control, Alt or Meta", prefix)
		}
		modifiers |= int64(m)
		name = rest
	}
	if name == "" {
		return 0, "", errors.New("no key")
	}
	return modifiers, name, nil
}

// lookupKey finds the key whose DOM name is name, such as "Enter" or "a", in
// the keyboard table of chromedp.
func lookupKey(name string) (kb.Key, error) {
	// A single character is its own key, such as "a", "A" or "/".
	if r, size := utf8.DecodeRuneInString(name); size == len(name) {
		if k, ok := kb.Keys[r]; ok {
			return *k, nil
		}
		s := string(r)
		return kb.Key{Key: s, Text: s, Unmodified: s, Print: true}, nil
	}
	// Several runes can map to one name, such as '\r' and '\n' for Enter.
	// Take the lowest rune, so that the choice does not depend on the order
	// of the map.
	found := rune(-1)
	for r, k := range kb.Keys {
		if k.Key == name && (found < 0 || r < found) {
			found = r
		}
	}
	if found < 0 {
		return kb.Key{}, fmt.Errorf("unknown key %q: use a DOM key name such as Tab, Enter, Escape, ArrowDown or a", name)
	}
	return *kb.Keys[found], nil
}

// dispatchKeys sends the key events to the page, in order.
func dispatchKeys(events []input.DispatchKeyEventParams) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, ev := range events {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
		return nil
	})
}
