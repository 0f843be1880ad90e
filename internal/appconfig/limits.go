package appconfig

import "github.com/eventwatch/eventwatch/internal/safefile"

// Limits of the config reader, named once. They keep a hostile or broken
// config from hanging the synth or exhausting memory, and keep derived
// names inside AWS's limits; each is reported with the file and field.
const (
	// MaxFileBytes is the largest services.yaml or environment file read:
	// safefile.MaxConfigBytes (4 MiB), where the file limits of every kind
	// are named and explained.
	MaxFileBytes = safefile.MaxConfigBytes
	// MaxNodes bounds the YAML nodes of a file after its aliases and merge
	// keys are expanded: a few kilobytes of anchors nested three deep
	// would otherwise expand to billions of nodes (a "billion laughs").
	// A generated service with its events is about 140 nodes: 1000
	// services are 138,410 nodes and load in about a second.
	MaxNodes = 200_000
	// MaxDepth bounds the nesting of YAML collections; the config's own
	// structure is at most 7 deep.
	MaxDepth = 64
	// MaxEchoedValue is the most characters of a value quoted back in an
	// error message; longer values are cut and their length given.
	MaxEchoedValue = 80
	// MaxEchoedField is the most characters of a key path in an error.
	MaxEchoedField = 200
	// MaxAppLength, MaxEnvironmentNameLength and MaxStackSuffixLength bound
	// app, the environment names (from the file names) and a service's
	// stack, so that every name made of them fits AWS's limits: the stack
	// <app>-<env>-<stack> (128), the topic display name "eventwatch
	// critical alerts (<app>-<env>)" (100) and the alarm name
	// <env>-<service>-<event> (255).
	MaxAppLength             = 32
	MaxEnvironmentNameLength = 32
	MaxStackSuffixLength     = 32
	// MaxServiceNameLength and MaxEventNameLength keep the logical IDs
	// derived from them (for example MetricFilter<Service><Event>) and the
	// alarm names under their limits.
	MaxServiceNameLength = 64
	MaxEventNameLength   = 64
)
