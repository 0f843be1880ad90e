package appconfig

import (
	"fmt"
	"strings"

	"github.com/eventwatch/eventwatch/constructs/spec"
)

// adoptedLogGroup is the item of service i's existing log group
// (logGroup.existing) in environment e, which the stack adopts rather than
// creates: with the service's own retentionDays, if it gives one, and
// nothing of the environment's log group settings (retentionDays,
// encryptLogs, removalPolicy, deletionProtection), which are for the log
// groups the stack creates. A name, class or maskedDataIdentifiers given
// with existing are passed on, so that the props' validation refuses them
// at their line.
func (c *Config) adoptedLogGroup(i int, e NamedEnvironment) Item {
	svc := c.Services.Services[i]
	lg := &spec.LogGroupProps{
		Existing:              c.logGroupName(svc.Name, e.Name),
		RetentionDays:         svc.LogGroup.RetentionDays,
		Class:                 svc.LogGroup.Class,
		MaskedDataIdentifiers: svc.LogGroup.MaskedDataIdentifiers,
		Tags:                  map[string]string{"service": svc.Name, "owner": c.owner(svc)},
	}
	// LogGroupName is the adopted name, as the plan's checks of names read
	// it, unless name is given too, which the validation then refuses.
	lg.LogGroupName = lg.Existing
	if svc.LogGroup.Name != "" {
		lg.LogGroupName = strings.ReplaceAll(svc.LogGroup.Name, "{env}", e.Name)
	}
	src := source{doc: c.services, base: fmt.Sprintf("services[%d].logGroup", i), fields: map[string]string{
		"logGroupName": "name", "existing": "existing", "retentionDays": "retentionDays", "class": "class", "maskedDataIdentifiers": "maskedDataIdentifiers",
	}}
	return Item{Name: svc.Name, LogGroup: lg, src: src}
}
