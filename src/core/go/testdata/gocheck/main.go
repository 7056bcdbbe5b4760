package main

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"time"
)

type Case struct {
	Kind    string  `json:"kind"`
	Layout  string  `json:"layout"`
	Value   string  `json:"value"`
	Loc     string  `json:"loc"`
	Ns      string  `json:"ns"`
	Float   float64 `json:"float"`
	Pattern string  `json:"pattern"`
	Repl    string  `json:"repl"`
}

type Result struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

func main() {
	var cases []Case
	dec := json.NewDecoder(os.Stdin)
	if err := dec.Decode(&cases); err != nil {
		panic(err)
	}
	res := make([]Result, len(cases))
	for i, c := range cases {
		switch c.Kind {
		case "parse":
			var t time.Time
			var err error
			if c.Loc == "" {
				t, err = time.Parse(c.Layout, c.Value)
			} else {
				loc, lerr := time.LoadLocation(c.Loc)
				if lerr != nil {
					panic(lerr)
				}
				t, err = time.ParseInLocation(c.Layout, c.Value, loc)
			}
			if err != nil {
				res[i].Err = err.Error()
			} else {
				res[i].Out = strconv.FormatInt(t.Unix(), 10) + "." + strconv.Itoa(t.Nanosecond())
			}
		case "format":
			ns, _ := strconv.ParseInt(c.Ns, 10, 64)
			loc := time.UTC
			if c.Loc != "" {
				loc, _ = time.LoadLocation(c.Loc)
			}
			res[i].Out = time.Unix(0, ns).In(loc).Format(c.Layout)
		case "float":
			res[i].Out = strconv.FormatFloat(c.Float, 'f', -1, 64)
		case "replace":
			re, err := regexp.Compile(c.Pattern)
			if err != nil {
				res[i].Err = err.Error()
			} else {
				res[i].Out = re.ReplaceAllString(c.Value, c.Repl)
			}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	_ = enc.Encode(res)
}
