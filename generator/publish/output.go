// Package publish writes a built site: it minifies files, fingerprints
// assets, and writes either to memory (for the preview server) or to a
// folder on disk, atomically.
//
// A disk build goes into a temporary folder beside the output and is
// swapped in whole only when the build succeeded, so the output path
// always holds a complete site: the old one or the new one. handbook marks
// every folder it creates with a marker file, and only ever replaces or
// removes folders that carry it (or that the user named with --force).
package publish

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"sync"
)

// Writer receives the files of a site. Names are slash-separated paths
// relative to the site root. Implementations are safe for concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Creator is implemented by Writers that can stream a large file, such
// as the whole handbook on one page, instead of taking it in one slice.
type Creator interface {
	Create(name string) (io.WriteCloser, error)
}

// Memory is a Writer that keeps the site in memory.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile implements Writer.
func (m *Memory) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("invalid output path %q", name)
	}
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Create implements Creator: the file is stored when it is closed.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("invalid output path %q", name)
	}
	return &memoryFile{m: m, name: name}, nil
}

type memoryFile struct {
	m    *Memory
	name string
	buf  bytes.Buffer
}

func (f *memoryFile) Write(p []byte) (int, error) { return f.buf.Write(p) }
func (f *memoryFile) Close() error                { return f.m.WriteFile(f.name, f.buf.Bytes()) }

// File returns the file at name.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns every file name, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
