package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"pitstop/model"
	"pitstop/sessions"
)

// exportFixture makes a sessions directory with one saved session and
// returns the directory and the session's id. The user's own config
// directory is kept out of the way.
func exportFixture(t *testing.T) (dir, id string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir = t.TempDir()
	out, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Partnership <kickoff>", "--team", "Harbor | Team")
	if code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("new printed no id: %s", out)
	}
	return dir, m[1]
}

func TestExport(t *testing.T) {
	dir, id := exportFixture(t)
	session := filepath.Join(dir, id+".toml")
	outFile := filepath.Join(t.TempDir(), "minutes.html")
	tests := []struct {
		name     string
		args     []string
		code     int
		inOut    []string
		inStderr string
		file     string // a file that must now exist
		inFile   string // and something it holds
	}{
		{name: "to stdout", args: []string{"export", "--dir", dir, "-o", "-", id}, code: 0,
			inOut: []string{"# Minutes: Partnership \\<kickoff\\>", "- Team: Harbor \\| Team", "| Belonging | 15m | 0m | not run |", "No notes were taken."}},
		{name: "flags after the session", args: []string{"export", id, "--dir", dir, "--format", "html", "-o", "-"}, code: 0,
			inOut: []string{"<!DOCTYPE html>", "<h1>Minutes: Partnership &lt;kickoff&gt;</h1>"}},
		{name: "to a file", args: []string{"export", "--dir", dir, "--format", "html", "-o", outFile, id}, code: 0,
			inOut: []string{"Minutes written to " + outFile}, file: outFile, inFile: "<style>"},
		{name: "next to the session", args: []string{"export", "--dir", dir, id}, code: 0,
			inOut: []string{"Minutes written to " + filepath.Join(dir, id+".minutes.md")}, file: filepath.Join(dir, id+".minutes.md"), inFile: "## Commitments"},
		{name: "by path, next to it", args: []string{"export", session, "--format", "html"}, code: 0,
			inOut: []string{"Minutes written to " + filepath.Join(dir, id+".minutes.html")}, file: filepath.Join(dir, id+".minutes.html"), inFile: "</html>"},
		{name: "bad format", args: []string{"export", "--dir", dir, "--format", "pdf", id}, code: 2, inStderr: `there is no format "pdf"`},
		{name: "bad format after the session", args: []string{"export", id, "--dir", dir, "--format", "docx"}, code: 2, inStderr: `there is no format "docx"`},
		{name: "no session named", args: []string{"export", "--dir", dir}, code: 2, inStderr: "name one session"},
		{name: "two sessions named", args: []string{"export", "--dir", dir, id, id}, code: 2, inStderr: "name one session"},
		{name: "unknown flag", args: []string{"export", "--dir", dir, id, "--pdf"}, code: 2, inStderr: "flag provided but not defined: -pdf"},
		{name: "missing session", args: []string{"export", "--dir", dir, "2026-01-01-nothing-0000"}, code: 1,
			inStderr: "there is no session 2026-01-01-nothing-0000 (no file " + filepath.Join(dir, "2026-01-01-nothing-0000.toml") + ")"},
		{name: "missing path", args: []string{"export", filepath.Join(dir, "gone.toml")}, code: 1, inStderr: "no file " + filepath.Join(dir, "gone.toml")},
		{name: "broken session", args: []string{"export", "--dir", dir, "broken"}, code: 1, inStderr: "broken.toml:2"},
		{name: "unwritable file", args: []string{"export", "--dir", dir, "-o", filepath.Join(dir, "no", "such", "dir.md"), id}, code: 1, inStderr: "cannot write the minutes"},
		{name: "help", args: []string{"export", "--help"}, code: 0, inOut: []string{"Write the minutes", "-format", "ID|PATH"}},
		{name: "help after the session", args: []string{"export", id, "-h"}, code: 0, inOut: []string{"-format"}},
		{name: "help word", args: []string{"help", "export"}, code: 0, inOut: []string{"-o file"}},
		{name: "listed in the usage", args: []string{"--help"}, code: 0, inOut: []string{"pitstop export ID|PATH"}},
	}
	os.WriteFile(filepath.Join(dir, "broken.toml"), []byte("schema = 1\ntitle = \"unterminated\n"), 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.inStderr) {
				t.Fatalf("code %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			for _, want := range tt.inOut {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if tt.file != "" {
				data, err := os.ReadFile(tt.file)
				if err != nil || !strings.Contains(string(data), tt.inFile) {
					t.Errorf("%s: %v, or it lacks %q", tt.file, err, tt.inFile)
				}
			}
		})
	}
	// Exporting reads only: the session file is as it was.
	out, _, code := runCLI(t, "check", session)
	if code != 0 || !strings.Contains(out, "a good session file") {
		t.Errorf("the session after exporting: %d %s", code, out)
	}
}

// The outcome labels come from the workshop given with --config.
func TestExportUsesConfig(t *testing.T) {
	dir, id := exportFixture(t)
	path := filepath.Join(dir, id+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("rating = []\n"), nil, 1) // the empty list gives way to a table
	data = append(data, "\n[[rating]]\noutcome = \"power-with\"\nscore = 4\nat = 2026-11-22T11:00:00-05:00\n"...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "export", "--dir", dir, "-o", "-", id)
	if code != 0 || !strings.Contains(out, "| Power with, not power over | 4 of 5 |") {
		t.Fatalf("default workshop: %d %s\n%s", code, errOut, out)
	}
	cfg := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(cfg, []byte("schema = 1\n\n[[stop]]\nkey = \"only\"\nname = \"Only\"\nplanned = \"5m\"\n\n[[outcome]]\nkey = \"power-with\"\nlabel = \"Power shared\"\n"), 0o644)
	out, errOut, code = runCLI(t, "export", "--dir", dir, "--config", cfg, "-o", "-", id)
	if code != 0 || !strings.Contains(out, "| Power shared | 4 of 5 |") {
		t.Fatalf("--config: %d %s\n%s", code, errOut, out)
	}
}

// An -o that lands on a session is refused, before anything is written:
// the file is left byte for byte as it was, and no temporary file is left
// beside it.
func TestExportNeverOverwritesASession(t *testing.T) {
	dir, id := exportFixture(t)
	session := filepath.Join(dir, id+".toml")
	_, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Another one")
	if code != 0 {
		t.Fatalf("new: %s", errOut)
	}
	elsewhere := t.TempDir()
	original, err := os.ReadFile(session)
	if err != nil {
		t.Fatal(err)
	}
	// The same session under other names, and other sessions.
	hardLink := filepath.Join(elsewhere, "hard-link.md")
	if err := os.Link(session, hardLink); err != nil {
		t.Fatal(err)
	}
	symlink := filepath.Join(elsewhere, "link.md")
	if err := os.Symlink(session, symlink); err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(elsewhere, "backup.md")
	os.WriteFile(copied, original, 0o644)
	headerless := filepath.Join(elsewhere, "edited.txt")
	os.WriteFile(headerless, bytes.ReplaceAll(original, []byte("# A Pit Stop workshop session."), []byte("# ours")), 0o644)
	cfg := filepath.Join(elsewhere, "workshop.toml")
	os.WriteFile(cfg, []byte("schema = 1\n\n[[stop]]\nkey = \"only\"\nname = \"Only\"\nplanned = \"5m\"\n"), 0o644)
	unreadable := filepath.Join(elsewhere, "unreadable.md")
	os.WriteFile(unreadable, original, 0o644)
	if os.Chmod(unreadable, 0); os.Geteuid() == 0 {
		unreadable = "" // root reads it anyway: the content check refuses it instead
	}
	var other string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".toml") && n != id+".toml" {
			other = filepath.Join(dir, n)
		}
	}
	if other == "" {
		t.Fatal("the fixture should hold a second session")
	}

	tests := []struct {
		name string
		out  string
		why  string
	}{
		{"the session file", session, "a .toml file is a session or a workshop config"},
		{"the session file, relative", filepath.Join(dir, ".", "..", filepath.Base(dir), id+".toml"), "a .toml file is a session"},
		{"another session in the directory", other, "a .toml file is a session"},
		{"a new .toml in the directory", filepath.Join(dir, "minutes.toml"), "a .toml file"},
		{"a .toml anywhere", filepath.Join(elsewhere, "MINUTES.TOML"), "a .toml file"},
		{"a workshop config", cfg, "a .toml file is a session or a workshop config"},
		{"a hard link to the session", hardLink, "it is the session file itself"},
		{"a symbolic link to the session", symlink, "it is the session file itself"},
		{"a copy of a session", copied, "it holds a Pit Stop session"},
		{"a session without its header", headerless, "it holds a Pit Stop session"},
		{"the session's lock file", filepath.Join(dir, "."+id+".lock"), "Pit Stop keeps its lock and cache files"},
		{"the listing cache", filepath.Join(dir, ".pitstop-list-cache.json"), "Pit Stop keeps its lock and cache files"},
		{"a file that cannot be read", unreadable, "cannot read it to tell whether it holds a session"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.out == "" {
				t.Skip("running as root, every file can be read")
			}
			before, _ := os.ReadFile(tt.out)
			for _, args := range [][]string{
				{"export", "--dir", dir, "-o", tt.out, id},
				{"--dir", dir, "export", id, "--format", "html", "-o", tt.out},
				{"export", session, "-o", tt.out},
			} {
				out, errOut, code := runCLI(t, args...)
				if code != 1 || !strings.Contains(errOut, "will not write the minutes to "+tt.out+": "+tt.why) || !strings.Contains(errOut, "Nothing was written") {
					t.Fatalf("%q: code %d (want 1)\nstdout: %s\nstderr: %s", args, code, out, errOut)
				}
			}
			if after, _ := os.ReadFile(tt.out); !bytes.Equal(before, after) {
				t.Errorf("%s changed", tt.out)
			}
		})
	}
	if got, _ := os.ReadFile(session); !bytes.Equal(got, original) {
		t.Errorf("the session file changed:\n%s", got)
	}
	if fi, err := os.Lstat(symlink); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link to the session is no longer a link: %v", err)
	}
	for _, d := range []string{dir, elsewhere} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, ".") && !strings.HasSuffix(n, ".lock") && n != ".pitstop-list-cache.json" && n != ".pitstop-seal-key" {
				t.Errorf("left behind in %s: %s", d, n)
			}
		}
	}
}

// Writing the minutes to a file replaces it whole, the way sessions are
// saved, and keeps what the user set up: its permissions, a symbolic link.
// Files that are not sessions, earlier minutes included, are overwritten.
func TestExportWritesAFile(t *testing.T) {
	dir, id := exportFixture(t)
	out := t.TempDir()
	export := func(t *testing.T, args ...string) {
		t.Helper()
		stdout, errOut, code := runCLI(t, append([]string{"export", "--dir", dir, id}, args...)...)
		if code != 0 || !strings.HasPrefix(stdout, "Minutes written to ") {
			t.Fatalf("%q: %d %s %s", args, code, stdout, errOut)
		}
	}
	holds := func(t *testing.T, path, want string) {
		t.Helper()
		if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), want) {
			t.Fatalf("%s: %v, or it lacks %q:\n%s", path, err, want, data)
		}
	}

	t.Run("earlier minutes and other files are replaced", func(t *testing.T) {
		path := filepath.Join(out, "minutes.md")
		os.WriteFile(path, []byte("old minutes, much longer than the new ones will ever be "+strings.Repeat("x", 100000)), 0o600)
		export(t, "-o", path)
		holds(t, path, "# Minutes: Partnership")
		if data, _ := os.ReadFile(path); strings.Contains(string(data), "old minutes") {
			t.Error("the old content is still there")
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("permissions %v, want the file's own 0600", fi.Mode().Perm())
		}
		export(t, "-o", path, "--format", "html") // and again, as HTML this time
		holds(t, path, "<!DOCTYPE html>")
	})
	t.Run("a new file", func(t *testing.T) {
		path := filepath.Join(out, "new.html")
		export(t, "-o", path, "--format", "html")
		holds(t, path, "</html>")
	})
	t.Run("through a symbolic link", func(t *testing.T) {
		target, link := filepath.Join(out, "shared.md"), filepath.Join(out, "latest.md")
		os.WriteFile(target, []byte("last week's minutes\n"), 0o644)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		export(t, "-o", link)
		holds(t, target, "# Minutes: Partnership")
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced by a file (%v)", err)
		}
	})
	t.Run("a named pipe is written to, not replaced", func(t *testing.T) {
		fifo := filepath.Join(out, "pipe")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		// Opened for reading and writing, the pipe does not wait for a
		// writer, and a deadline keeps a broken export from hanging here.
		r, err := os.OpenFile(fifo, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		export(t, "-o", fifo)
		r.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 1<<16)
		n, err := r.Read(buf)
		if err != nil || !strings.Contains(string(buf[:n]), "# Minutes: Partnership") {
			t.Errorf("read from the pipe: %v\n%s", err, buf[:n])
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the pipe was replaced (%v)", err)
		}
	})
	t.Run("a directory is refused", func(t *testing.T) {
		_, errOut, code := runCLI(t, "export", "--dir", dir, id, "-o", out)
		if code != 1 || !strings.Contains(errOut, "cannot write the minutes to "+out+": it is a directory") {
			t.Fatalf("%d %s", code, errOut)
		}
	})
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a temporary file is left behind: %s", e.Name())
		}
	}
}

// pitstop export of a session with people's words in it: the notes, the
// board and the commitments table come out, with hostile text escaped in
// both formats.
func TestExportContent(t *testing.T) {
	dir, id := exportFixture(t)
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	// A date still ahead whenever the test runs: past it, the row would
	// say "open, past due".
	due := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	for _, c := range []model.Command{
		model.AddNote{Text: "We said `yes` | then <script>alert(1)</script>"},
		model.AddAgreement{Text: "Start on time"},
		model.AddTension{Text: "Who decides | who pays?"},
		model.AddCommitment{Text: "Send the <b>draft</b>", Owner: "Dana", Due: due},
	} {
		if err := s.Apply(c, s.Created); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	md, errOut, code := runCLI(t, "export", "--dir", dir, "-o", "-", id)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	for _, want := range []string{"We said \\`yes\\` \\| then \\<script\\>alert(1)\\</script\\>", "Start on time", "Who decides \\| who pays?",
		"| Send the \\<b\\>draft\\</b\\> | Dana | " + due + " | open |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	html, _, _ := runCLI(t, "export", "--dir", dir, "--format", "html", "-o", "-", id)
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(html, "Send the &lt;b&gt;draft&lt;/b&gt;") {
		t.Errorf("HTML not escaped:\n%s", html)
	}
}

// The minutes of a session name the session its carried items came from
// by title and date, from the listing of the sessions directory.
func TestExportNamesTheCarriedFromSession(t *testing.T) {
	dir, first := exportFixture(t)
	st, err := sessions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Load(first)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(model.AddTension{Text: "Who decides when the timelines slip?"}, s.Created); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "new", "--dir", dir, "--title", "Second", "--team", "Harbor | Team")
	m := regexp.MustCompile(`(?m)^id:\s+(\S+)$`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("new: %d %s %s", code, out, errOut)
	}
	day := s.Created.Format("2006-01-02")
	for format, want := range map[string]string{
		"md":   "| Who decides when the timelines slip? | tension | “Partnership \\<kickoff\\>” (" + day + ") | open |",
		"html": "<td>tension</td><td>“Partnership &lt;kickoff&gt;” (" + day + ")</td>",
	} {
		out, errOut, code := runCLI(t, "export", "--dir", dir, "--format", format, "-o", "-", m[1])
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("%s: %d %s; the minutes lack %q:\n%s", format, code, errOut, want, out)
		}
	}
}
