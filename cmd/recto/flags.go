package main

import (
	"flag"
	"strings"
)

// parseArgs parses fs's flags wherever they stand among args: before,
// between or after the arguments, as readers of the README type them
// ("recto import tei DIR --status published"). It returns the arguments in
// their order. A "--" ends the flags; everything after it is an argument,
// even when it starts with a dash.
//
// Go's flag package stops at the first argument, so a flag after a path
// would be taken for another path; every command parses through this
// function instead, so that they all read their command lines alike.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" && !flagTakesValue(fs, args, consumed-2) {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// flagTakesValue reports whether args[i] is a flag whose value is the next
// argument ("--out --" writes to a file named "--"), so that a "--" after it
// is that value rather than the end of the flags.
func flagTakesValue(fs *flag.FlagSet, args []string, i int) bool {
	if i < 0 {
		return false
	}
	name, isFlag := strings.CutPrefix(args[i], "-")
	name = strings.TrimPrefix(name, "-")
	if !isFlag || name == "" || strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
