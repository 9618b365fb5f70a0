package sessions

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// sealKeyFile holds the key that seals the summary line of the session
// files this sessions directory's Pit Stop writes. Only its owner can read
// it, so a file that someone else wrote (or edited, or forged with a
// recomputed hash) never matches a seal, and is read in full before it is
// listed: a listing never trusts a seal over the content it seals.
const sealKeyFile = ".pitstop-seal-key"

const sealPrefix = "hmac-sha256:"

// unsealed stands in for the seal when there is no key to seal with (a
// directory this user cannot write); such a file is always read in full.
const unsealed = "unsealed"

// loadSealKey reads the directory's seal key, making one on first use. It
// returns nil when there is none and none can be made: files are then
// written unsealed and read in full, which costs time only.
func loadSealKey(dir string) []byte {
	path := filepath.Join(dir, sealKeyFile)
	if key := readSealKey(path); key != nil {
		return key
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil
	}
	// O_EXCL: of two Pit Stops starting at once, one makes the key and
	// the other reads it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readSealKey(path)
		}
		return nil
	}
	_, werr := f.Write([]byte(hex.EncodeToString(key) + "\n"))
	if cerr := f.Close(); werr != nil || cerr != nil {
		_ = os.Remove(path)
		return nil
	}
	return key
}

func readSealKey(path string) []byte {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o077 != 0 {
		return nil // a key others can read seals nothing
	}
	buf := make([]byte, 65)
	n, _ := f.Read(buf)
	key, err := hex.DecodeString(string(buf[:min(n, 64)]))
	if err != nil || len(key) != 32 {
		return nil
	}
	return key
}

// summarySeal seals a summary line to the rest of the file.
func summarySeal(key, summary, body []byte) string {
	if key == nil {
		return unsealed
	}
	h := hmac.New(sha256.New, key)
	h.Write(summary)
	h.Write([]byte{0})
	h.Write(body)
	return sealPrefix + hex.EncodeToString(h.Sum(nil))
}

// sealMatches reports whether seal is what key gives for summary and body.
func sealMatches(key, summary, body []byte, seal string) bool {
	if key == nil || seal == unsealed {
		return false
	}
	return hmac.Equal([]byte(summarySeal(key, summary, body)), []byte(seal))
}
