{{/*
Labels shared by everything this chart renders. Called with a dict: root (the top context), name (the service).
*/}}
{{- define "waqup.labels" -}}
{{ include "waqup.selectorLabels" . }}
app.kubernetes.io/part-of: waqup
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
Selector labels: stable for the life of a Deployment. Called with a dict: root, name.
*/}}
{{- define "waqup.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
The shared ConfigMap's name. Called with the top context.
*/}}
{{- define "waqup.sharedConfig" -}}
{{ .Release.Name }}-shared
{{- end -}}

{{/*
A service's image. Called with a dict: root, name.
*/}}
{{- define "waqup.image" -}}
{{ printf "%s/%s:%s" .root.Values.image.registry .name (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end -}}
