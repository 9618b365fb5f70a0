package web

import (
	"bytes"
	_ "embed"
	"net/http"
	"strconv"
	"text/template"

	"pitstop/config"
)

// The page's style and script, embedded: nothing is fetched from anywhere
// but the page itself.
var (
	//go:embed static/style.css.tmpl
	styleTemplate string
	//go:embed static/page.js
	pageJS []byte
	// styleCSS is the style with the app's palettes filled in.
	styleCSS = makeStyle()
)

// schemes are the palettes the page is drawn in: the app's light theme,
// its dark one for a browser that prefers dark, and its high-contrast one
// for a browser that prefers dark with more contrast. Each comes with the
// background it is drawn on, one its contrast is measured on.
type scheme struct {
	config.Colours
	Background string
}

func paletteNamed(name string) config.Palette {
	for _, p := range config.Palettes {
		if p.Name == name {
			return p
		}
	}
	panic("no palette " + name)
}

func schemeOf(name, background string) scheme {
	return scheme{Colours: paletteNamed(name).Colours, Background: background}
}

// The page's schemes, by the media query that picks each.
var (
	lightScheme        = schemeOf("light", "#ffffff")
	darkScheme         = schemeOf("dark", "#1e1e1e")
	highContrastScheme = schemeOf("high-contrast", "#000000")
)

func makeStyle() []byte {
	t := template.Must(template.New("style").Parse(styleTemplate))
	var b bytes.Buffer
	if err := t.Execute(&b, map[string]scheme{"Light": lightScheme, "Dark": darkScheme, "HighContrast": highContrastScheme}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// serveStatic serves an embedded file. Its headers say not to cache it,
// as every answer does (guard): the files are small, and a page served
// from a laptop's address today must not keep yesterday's.
func serveStatic(contentType string, body []byte) http.HandlerFunc {
	length := strconv.Itoa(len(body))
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", length)
		_, _ = w.Write(body)
	}
}
