package appconfig

// DidYouMean says what to write instead of an unknown name, for the app's
// and the tools' own names (context keys, flags): the closest valid one
// ("did you mean env?") when one is close, else the list of valid names.
func DidYouMean(name string, valid []string) string { return didYouMean(name, valid) }
