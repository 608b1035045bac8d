package tei

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/recto-archive/recto/internal/input"
	"golang.org/x/text/encoding/ianaindex"
)

// encodingError is a file's encoding that Recto does not read, or one its
// XML declaration contradicts.
type encodingError struct{ msg string }

func (e *encodingError) Error() string { return e.msg }

// xmlText returns r as UTF-8, or as the bytes of an ASCII-compatible
// encoding its XML declaration will name, and which encoding a byte order
// mark or the first bytes showed. Without a byte order mark, UTF-16 is
// recognised by "<?" in it, as the XML specification's appendix F says;
// UTF-32 and EBCDIC are recognised only to be refused by name.
func xmlText(r io.Reader) (io.Reader, input.Encoding, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4)
	switch {
	case bytes.Equal(head, []byte{'<', 0, '?', 0}):
		return input.FromUTF16(br, input.UTF16LE), input.UTF16LE, nil
	case bytes.Equal(head, []byte{0, '<', 0, '?'}):
		return input.FromUTF16(br, input.UTF16BE), input.UTF16BE, nil
	case bytes.Equal(head, []byte{0, 0, 0, '<'}), bytes.Equal(head, []byte{'<', 0, 0, 0}):
		return nil, "", &encodingError{"the file is UTF-32, which Recto does not read: save it as UTF-8"}
	case bytes.Equal(head, []byte{0x4C, 0x6F, 0xA7, 0x94}):
		return nil, "", &encodingError{"the file is in EBCDIC, which Recto does not read: save it as UTF-8"}
	}
	return input.Open(br)
}

// charsetReader reads the encoding an XML declaration names, when it is
// not UTF-8: the UTF-16 the file was found to be in (already converted),
// or an ASCII-compatible encoding of the IANA registry. found is what
// xmlText found.
func charsetReader(found input.Encoding) func(string, io.Reader) (io.Reader, error) {
	return func(label string, in io.Reader) (io.Reader, error) {
		declaresUTF16 := strings.HasPrefix(strings.ToLower(label), "utf-16") || strings.EqualFold(label, "iso-10646-ucs-2")
		switch {
		case found != input.UTF8 && declaresUTF16:
			return in, nil
		case found != input.UTF8:
			return nil, &encodingError{fmt.Sprintf("the XML declaration says encoding %q, but the file is %s", label, found)}
		case declaresUTF16:
			return nil, &encodingError{fmt.Sprintf("the XML declaration says encoding %q, but the file is not UTF-16 (it has no byte order mark, and its declaration is in single bytes)", label)}
		}
		enc, err := ianaindex.IANA.Encoding(label)
		name, _ := ianaindex.IANA.Name(enc)
		if err != nil || enc == nil || strings.HasPrefix(strings.ToLower(name), "utf-") {
			return nil, &encodingError{fmt.Sprintf("the XML declaration says encoding %q, which Recto does not read: "+
				"use UTF-8, UTF-16 or an encoding of the IANA registry such as ISO-8859-1, windows-1252 or KOI8-R", label)}
		}
		return enc.NewDecoder().Reader(in), nil
	}
}

// syntaxError places a decoder error: *xml.SyntaxError knows its line, the
// decoder knows the column where it stopped.
func syntaxError(dec *xml.Decoder, name string, err error) error {
	line, col := dec.InputPos()
	if se, ok := errors.AsType[*xml.SyntaxError](err); ok {
		if se.Line != line || col < 1 {
			col = 1
		}
		msg := se.Msg
		if msg == "invalid UTF-8" {
			msg = "invalid UTF-8: the file is not UTF-8; if it is in another encoding, its XML declaration must name it " +
				`(<?xml version="1.0" encoding="windows-1252"?>)`
		}
		return &Error{File: name, Line: se.Line, Column: col, Err: errors.New(msg)}
	}
	return &Error{File: name, Line: line, Column: col, Err: err}
}
