package minutes

import (
	"bytes"
	"html/template"

	"pitstop/model"
)

// HTML writes the minutes as one self-contained page: inline CSS, no
// scripts, no links, nothing fetched from elsewhere. It reads on a screen
// and prints on A4 and Letter: page margins, print-sized type, tables that
// wrap long words instead of overflowing, rows that do not split across
// pages. All text is escaped by html/template; line breaks in people's text
// are kept with white-space: pre-wrap. Bidirectional overrides and
// zero-width characters are taken out of the page (model.RemoveInvisible),
// which html/template leaves as they are: a browser would obey them.
func HTML(s *model.Session, opts Options) []byte {
	var b bytes.Buffer
	b.Grow(sizeHint(s) * 2)
	if err := page.Execute(&b, build(s, opts)); err != nil {
		// The template is fixed and the data plain strings: an error here
		// is a bug in this package, not something a session can cause.
		panic("minutes: HTML template: " + err.Error())
	}
	// After escaping, where markup is an entity: taking a character out
	// cannot make a tag or an entity.
	if clean := model.RemoveInvisible(b.String()); len(clean) != b.Len() {
		return []byte(clean)
	}
	return b.Bytes()
}

var page = template.Must(template.New("minutes").Parse(pageTemplate))

const pageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Minutes: {{.Title}}</title>
<style>
@page { margin: 16mm 15mm 18mm 15mm; }
html { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.4; color: #111; background: #fff; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 19pt; margin: 0 0 0.4em; line-height: 1.2; }
h2 { font-size: 14pt; margin: 1.4em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1px solid #888; }
h3 { font-size: 12pt; margin: 1.1em 0 0.4em; }
h1, h2, h3 { page-break-after: avoid; break-after: avoid-page; overflow-wrap: anywhere; }
p { margin: 0.4em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0 0 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul { margin: 0.3em 0 0.6em; padding-left: 1.4em; }
li { margin: 0.25em 0; page-break-inside: avoid; break-inside: avoid; }
li ul { margin: 0.2em 0; }
.meta { color: #444; font-size: 0.92em; }
.goaround { font-style: italic; }
.concept { font-weight: bold; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table.room caption { text-align: left; font-weight: bold; margin-bottom: 0.2em; }
.bar { display: inline-block; height: 0.8em; background: #333; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.4em 0 0.8em; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-wrap: break-word; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
.overdue { font-weight: bold; }
.needs-owner { font-style: italic; }
.empty { font-style: italic; color: #444; }
.wide { overflow-x: auto; }
table.trend { font-size: 0.85em; table-layout: auto; }
table.trend th, table.trend td { padding: 0.25em 0.35em; }
table.trend td { overflow-wrap: break-word; }
table.trend th.num { white-space: normal; }
table.trend th.year, table.trend th.date { white-space: nowrap; overflow-wrap: normal; }
th.year { text-align: center; }
th.date { text-align: right; }
figure.chart { margin: 0.4em 0 0.8em; page-break-inside: avoid; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { color: #444; font-size: 0.92em; margin-top: 0.2em; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  .wide { overflow: visible; }
  th { background: none; }
}
</style>
</head>
<body>
<h1>Minutes: {{.Title}}</h1>
<dl class="facts">
{{- if .Team}}
<dt>Team</dt><dd>{{.Team}}</dd>
{{- end}}
{{- if .Date}}
<dt>Date</dt><dd>{{.Date}}</dd>
{{- end}}
{{- if .Facilitator}}
<dt>Facilitator</dt><dd>{{.Facilitator}}</dd>
{{- end}}
{{- if .Status}}
<dt>Status</dt><dd>{{.Status}}</dd>
{{- end}}
<dt>Session</dt><dd>{{.ID}}</dd>
</dl>

<h2>Time</h2>
<table>
<colgroup><col style="width:40%"><col style="width:16%"><col style="width:20%"><col style="width:24%"></colgroup>
<thead><tr><th>Stop</th><th class="num">Planned</th><th class="num">Spent</th><th>Difference</th></tr></thead>
<tbody>
{{- range .Times}}
<tr><td>{{.Stop}}</td><td class="num">{{.Planned}}</td><td class="num">{{.Spent}}</td><td>{{.Diff}}</td></tr>
{{- end}}
<tr class="total"><td>{{.Total.Stop}}</td><td class="num">{{.Total.Planned}}</td><td class="num">{{.Total.Spent}}</td><td>{{.Total.Diff}}</td></tr>
</tbody>
</table>

<h2>Notes</h2>
{{- if not .NotesTaken}}
<p class="empty">No notes were taken.</p>
{{- end}}
{{- range .Notes}}
<h3>{{.Stop}}</h3>
{{- if .GoAround}}
<p class="goaround">{{.GoAround}}</p>
{{- end}}
{{- if .Speaking}}
<p class="goaround">Speaking time: {{.Speaking}}.</p>
{{- end}}
{{- if .Notes}}
<ul>
{{- range .Notes}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul>
{{- end}}
{{- end}}

<h2>Agreements</h2>
{{- if .Agreements}}
<ul>
{{- range .Agreements}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul>
{{- else}}
<p class="empty">No agreements.</p>
{{- end}}

<h2>Tensions</h2>
{{- if .Tensions}}
<h3>Open</h3>
{{- if .Open}}
<ul>
{{- range .Open}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul>
{{- else}}
<p class="empty">None.</p>
{{- end}}
<h3>Resolved</h3>
{{- if .Resolved}}
<ul>
{{- range .Resolved}}
<li>{{template "entry" .}}
<ul><li><span class="meta">{{.Resolution}}{{if .ResolvedBy}}:{{end}}</span>{{if .ResolvedBy}} <span class="text">{{.ResolvedBy}}</span>{{end}}</li></ul></li>
{{- end}}
</ul>
{{- else}}
<p class="empty">None.</p>
{{- end}}
{{- if .Dropped}}
<h3>Dropped</h3>
<ul>
{{- range .Dropped}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul>
{{- end}}
{{- else}}
<p class="empty">No tensions were named.</p>
{{- end}}

<h2>Commitments</h2>
{{- if .Commitments}}
<table>
<colgroup><col style="width:46%"><col style="width:20%"><col style="width:14%"><col style="width:20%"></colgroup>
<thead><tr><th>What</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>
<tbody>
{{- range .Commitments}}
<tr><td class="text">{{.What}}</td><td{{if .NeedsOwner}} class="needs-owner"{{end}}>{{.Owner}}</td><td>{{.Due}}</td><td{{if .Overdue}} class="overdue"{{end}}>{{.Status}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">No commitments.</p>
{{- end}}
{{- if .Carried}}

<h2>Carried from earlier sessions</h2>
<table>
<colgroup><col style="width:40%"><col style="width:14%"><col style="width:28%"><col style="width:18%"></colgroup>
<thead><tr><th>Item</th><th>Kind</th><th>From session</th><th>Status now</th></tr></thead>
<tbody>
{{- range .Carried}}
<tr><td class="text">{{.What}}</td><td>{{.Kind}}</td><td>{{.From}}</td><td{{if .Overdue}} class="overdue"{{end}}>{{.Status}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- if or .Norms .Retired}}

<h2>Team norms</h2>
<p>The norms the team keeps from session to session, each with the day it was first set; where one was reworded, every wording follows, newest first.</p>
{{- if .Norms}}
{{template "norms" .Norms}}
{{- else}}
<p class="empty">None stands now.</p>
{{- end}}
{{- if .Retired}}
<h3>Retired</h3>
{{template "norms" .Retired}}
{{- end}}
{{- end}}
{{- if .Definitions}}

<h2>Shared definitions</h2>
<p>What the team means by its words, every wording dated, newest first.</p>
<ul>
{{- range .Definitions}}
<li><span class="concept">{{.Concept}}</span>
<ul>
{{- range .Wordings}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul></li>
{{- end}}
</ul>
{{- end}}
{{- with .Check}}

<h2>Partnership check</h2>
<p>{{.Summary}}</p>
<table>
{{- if .HasNotes}}
<colgroup><col style="width:40%"><col style="width:14%"><col style="width:46%"></colgroup>
<thead><tr><th>Outcome</th><th>Score</th><th>Note</th></tr></thead>
{{- else}}
<colgroup><col style="width:80%"><col style="width:20%"></colgroup>
<thead><tr><th>Outcome</th><th>Score</th></tr></thead>
{{- end}}
<tbody>
{{- range .Rows}}
<tr><td>{{.Outcome}}</td><td>{{.Score}}</td>{{if $.Check.HasNotes}}<td class="text">{{.Note}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- if .Room}}

<h3>The room's answers</h3>
<p>{{.RoomLead}}</p>
{{- range .Room}}
<table class="room">
<caption>{{.Outcome}}: {{.Answers}} answers, median {{.Median}}, {{.Spread}}{{if .Agreement}}; {{.Agreement}}{{end}}</caption>
<colgroup><col style="width:12%"><col style="width:73%"><col style="width:15%"></colgroup>
<thead><tr><th>Score</th><th>Share</th><th>Answers</th></tr></thead>
<tbody>
{{- range .Counts}}
<tr><td>{{.Score}}</td><td><span class="bar" style="width:{{.Width}}%"></span></td><td>{{.Count}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- end}}
{{- end}}
{{- with .Trend}}

<h2>Partnership trend</h2>
<p>{{.Lead}}</p>
{{- with .Chart}}{{$canvas := .Canvas}}
<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="{{.Canvas.ViewBox}}" width="100%" role="img" aria-label="{{.Label}}" font-size="12">
{{- range .Grid}}
<line x1="{{$canvas.Left}}" y1="{{.Pos}}" x2="{{$canvas.Right}}" y2="{{.Pos}}" stroke="#bbb" stroke-width="1"/><text x="{{$canvas.AxisLabelX}}" y="{{.Pos}}" dy="4" text-anchor="end" fill="#000">{{.Label}}</text>
{{- end}}
{{- range .Ticks}}
<text x="{{.Pos}}" y="{{$canvas.TicksY}}" text-anchor="middle" fill="#000">{{.Label}}{{if .Sub}}<tspan x="{{.Pos}}" dy="14">{{.Sub}}</tspan>{{end}}</text>
{{- end}}
{{- range .Lines}}
<polyline points="{{.}}" fill="none" stroke="#000" stroke-width="2" stroke-linejoin="round"/>
{{- end}}
{{- range .Points}}
<circle cx="{{.X}}" cy="{{.Y}}" r="4" fill="#000"><title>{{.Title}}</title></circle><text x="{{.X}}" y="{{.ValueY}}" text-anchor="middle" font-weight="bold" fill="#000">{{.Value}}</text>
{{- end}}
</svg>
<figcaption>The overall average of each session above, on the scale of 1 to 5.</figcaption>
</figure>
{{- end}}
<div class="wide">
<table class="trend">
<thead>
<tr><th rowspan="2">Outcome</th>{{range .Years}}<th class="year" colspan="{{.Span}}">{{.Year}}</th>{{end}}<th class="num" rowspan="2">First → last</th><th class="num" rowspan="2">Change</th></tr>
<tr>{{range .Days}}<th class="date">{{.Day}}{{with .Time}}<br>{{.}}{{end}}</th>{{end}}</tr>
</thead>
<tbody>
{{- range .Rows}}
<tr><td>{{.Outcome}}</td>{{range .Scores}}<td class="num">{{.}}</td>{{end}}<td class="num">{{.FirstLast}}</td><td class="num">{{.Change}}</td></tr>
{{- end}}
{{- with .Average}}
<tr class="total"><td>{{.Outcome}}</td>{{range .Scores}}<td class="num">{{.}}</td>{{end}}<td class="num">{{.FirstLast}}</td><td class="num">{{.Change}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
</body>
</html>
{{define "entry"}}<span class="meta">{{.Meta}}:</span> <span class="text">{{.Text}}</span>{{end}}
{{define "norms"}}<ul>
{{- range .}}
<li>{{template "entry" .}}
{{- if .Wordings}}
<ul>
{{- range .Wordings}}
<li>{{template "entry" .}}</li>
{{- end}}
</ul>
{{- end}}</li>
{{- end}}
</ul>{{end}}`
