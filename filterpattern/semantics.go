package filterpattern

// Limits enforced by Parse and NewExtractor, as documented by CloudWatch Logs.
const (
	// MaxPatternLength is the longest filterPattern, in characters (API-MT).
	MaxPatternLength = 1024
	// MaxRegexes is the number of %regex% a pattern may hold (RGX).
	MaxRegexes = 2
	// MaxWildcardsPerSelector is the number of * steps in one selector (FPS).
	MaxWildcardsPerSelector = 1
	// MaxWildcardsPerPattern is the number of * selector steps in one pattern (FPS).
	MaxWildcardsPerPattern = 3
	// MaxDimensions is the number of dimensions of a metric transformation (MFS).
	MaxDimensions = 3
	// maxJSONDepth bounds the nesting of JSON messages; deeper messages never match.
	maxJSONDepth = 1000
)
