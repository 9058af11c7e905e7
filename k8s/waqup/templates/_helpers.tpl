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

{{/*
The URL users reach the gateway at (share links, the browser origin): .Values.publicUrl, or else derived from the
Ingress: https://<ingress.host> when ingress.tls is set, http://<ingress.host> otherwise. Called with the top context.
*/}}
{{- define "waqup.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{ .Values.publicUrl | trimSuffix "/" }}
{{- else -}}
{{ ternary "https" "http" (not (empty .Values.ingress.tls)) }}://{{ .Values.ingress.host }}
{{- end -}}
{{- end -}}

{{/*
A memory quantity in Mi or Gi ("768Mi", "1Gi") as a number of mebibytes. Called with a dict: value, what (for errors).
*/}}
{{- define "waqup.mebibytes" -}}
{{- $v := toString .value -}}
{{- if hasSuffix "Gi" $v -}}
{{ mul (trimSuffix "Gi" $v | int) 1024 }}
{{- else if hasSuffix "Mi" $v -}}
{{ trimSuffix "Mi" $v | int }}
{{- else -}}
{{ fail (printf "%s: %s must be in Mi or Gi (the JVM's heap is derived from it)" .what $v) }}
{{- end -}}
{{- end -}}

{{/*
JAVA_TOOL_OPTIONS of a service: the heap is the container's memory limit minus the non-heap budget (measured:
docs/deployment.md, "JVM memory"), and the non-heap areas that grow are capped so that heap + non-heap fits the limit.
Called with a dict: name, service.
*/}}
{{- define "waqup.javaToolOptions" -}}
{{- $s := .service -}}
{{- $limit := include "waqup.mebibytes" (dict "value" $s.resources.limits.memory "what" (printf "services.%s.resources.limits.memory" .name)) | int -}}
{{- $nonHeap := include "waqup.mebibytes" (dict "value" $s.jvm.nonHeap "what" (printf "services.%s.jvm.nonHeap" .name)) | int -}}
{{- $heap := sub $limit $nonHeap -}}
{{- if lt $heap 256 -}}
{{ fail (printf "services.%s: memory limit %dMi minus jvm.nonHeap %dMi leaves %dMi of heap (at least 256Mi)" .name $limit $nonHeap $heap) }}
{{- end -}}
-Xmx{{ $heap }}m -XX:MaxMetaspaceSize={{ $s.jvm.maxMetaspace }} -XX:ReservedCodeCacheSize={{ $s.jvm.codeCache }} -XX:MaxDirectMemorySize={{ $s.jvm.maxDirectMemory }} -Xss{{ $s.jvm.threadStack }} -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED
{{- end -}}
