package handbookgen

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
)

// picture is a picture in a section's images/ folder.
type picture struct {
	name string // file name without extension
	ext  string // "png" or "svg"
	alt  string
}

func (im picture) file() string { return im.name + "." + im.ext }

// palette holds NHS identity colours for the pictures.
var palette = []color.NRGBA{
	{0x00, 0x5E, 0xB8, 0xFF}, // NHS Blue
	{0x00, 0x30, 0x87, 0xFF}, // Dark Blue
	{0x00, 0x96, 0x39, 0xFF}, // Green
	{0x33, 0x00, 0x72, 0xFF}, // Purple
	{0xAE, 0x25, 0x73, 0xFF}, // Pink
	{0xED, 0x8B, 0x00, 0xFF}, // Orange
}

// chooseImage picks a picture for p from the images/ folder of its own
// section or, now and then, of the section above, and returns the path
// the page writes for it.
func (g *generator) chooseImage(p *page) *imageRef {
	r := p.rng
	s, prefix := p.sec, "images/"
	if s.parent != nil && r.Float64() < 0.25 {
		s, prefix = s.parent, "../images/"
	}
	if s.images == nil {
		// A handful of pictures per folder, shared by its pages.
		for _, i := range r.Perm(len(imageCatalogue))[:2+r.IntN(3)] {
			ext := "png"
			if r.Float64() < 0.4 {
				ext = "svg"
			}
			s.images = append(s.images, picture{name: imageCatalogue[i][0], ext: ext, alt: imageCatalogue[i][1]})
		}
	}
	im := pick(r, s.images)
	return &imageRef{href: prefix + im.file(), alt: im.alt}
}

// data returns the bytes of the picture: a small bar chart, as a PNG or
// an SVG, whose colours and bars depend only on its name.
func (im picture) data() []byte {
	h := fnv.New64a()
	h.Write([]byte(im.name))
	sum := h.Sum64()
	fg := palette[sum%uint64(len(palette))]
	bars := make([]int, 6)
	for i := range bars {
		bars[i] = 3 + int((sum>>(8*i+8))%13) // height out of 16
	}
	if im.ext == "svg" {
		return svgChart(im.alt, fg, bars)
	}
	return pngChart(fg, bars)
}

// pngChart draws a 24×16 bar chart on pale grey.
func pngChart(fg color.NRGBA, bars []int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 24, 16))
	bg := color.NRGBA{0xE8, 0xED, 0xEE, 0xFF} // Pale Grey
	for y := range 16 {
		for x := range 24 {
			c := bg
			if bar := x / 4; x%4 != 3 && 16-y <= bars[bar] {
				c = fg
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic("handbookgen: encode png: " + err.Error()) // cannot fail on a bytes.Buffer
	}
	return b.Bytes()
}

// svgChart draws a bar chart with alt as its accessible name.
func svgChart(alt string, fg color.NRGBA, bars []int) []byte {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(alt)
	fill := "#" + hex2(fg.R) + hex2(fg.G) + hex2(fg.B)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160" viewBox="0 0 240 160" role="img" aria-label="` + esc + `">` + "\n")
	b.WriteString("  <title>" + esc + "</title>\n")
	b.WriteString(`  <rect width="240" height="160" fill="#E8EDEE"/>` + "\n")
	for i, v := range bars {
		x, hgt := 10+i*38, v*9
		b.WriteString(`  <rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(150-hgt) + `" width="30" height="` + strconv.Itoa(hgt) + `" fill="` + fill + `"/>` + "\n")
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

func hex2(v uint8) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[v>>4], digits[v&15]})
}
