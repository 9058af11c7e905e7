{{/*
One waQup service: Deployment + Service + PodDisruptionBudget + HorizontalPodAutoscaler (when enabled) +
NetworkPolicy (when enabled). Called with a dict:
  root     the chart's top context
  name     the service (its module name): names every object, the image and the Secret "<name>-secrets"
  service  its values: .Values.defaults overridden by .Values.services.<name>
*/}}
{{- define "waqup.workload" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $s := .service -}}
{{- $labels := dict "root" $root "name" $name -}}
{{- $managementPort := add $s.port 1000 -}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
  {{- if and $s.secretKeys $root.Values.secretRollout.reloader }}
  annotations:
    # Stakater Reloader rolls the pods whenever the Secret changes, between upgrades too
    secret.reloader.stakater.com/reload: {{ printf "%s-secrets" $name | quote }}
  {{- end }}
spec:
  {{- if not $root.Values.autoscaling.enabled }}
  replicas: {{ $s.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "waqup.selectorLabels" $labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "waqup.labels" $labels | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- if $s.secretKeys }}
        # the Secret as the cluster holds it at install/upgrade time (lookup; empty under `helm template`): an upgrade
        # after the Secret changed rolls the pods
        checksum/secrets: {{ (lookup "v1" "Secret" $root.Release.Namespace (printf "%s-secrets" $name)).data | toJson | sha256sum }}
        {{- end }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /actuator/prometheus
        prometheus.io/port: {{ $managementPort | quote }}
    spec:
      automountServiceAccountToken: false
      # no <SERVICE>_PORT=tcp://... variables: they would shadow placeholders such as REDIS_PORT
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $s.terminationGracePeriodSeconds }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # spread the replicas over zones and nodes, preferred (a lost zone or node must not block scheduling elsewhere)
      topologySpreadConstraints:
        {{- range $key, $topology := dict "zone" "topology.kubernetes.io/zone" "node" "kubernetes.io/hostname" }}
        - maxSkew: {{ $s.topologySpread.maxSkew }}
          topologyKey: {{ $topology }}
          whenUnsatisfiable: {{ index $s.topologySpread $key }}
          labelSelector:
            matchLabels:
              {{- include "waqup.selectorLabels" $labels | nindent 14 }}
        {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ $name }}
          image: {{ include "waqup.image" $labels | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $s.port }}
              protocol: TCP
            # Actuator (probes, Prometheus): reached by the kubelet and the scraper on the pod, never through the Service
            - name: management
              containerPort: {{ $managementPort }}
              protocol: TCP
          env:
            - name: PORT
              value: {{ $s.port | quote }}
            - name: MANAGEMENT_PORT
              value: {{ $managementPort | quote }}
            # heap = memory limit - non-heap budget; non-heap areas capped (replaces the image's MaxRAMPercentage=75)
            - name: JAVA_TOOL_OPTIONS
              value: {{ include "waqup.javaToolOptions" (dict "name" $name "service" $s) | quote }}
            {{- if and $root.Values.migrations.enabled (has "postgres" $s.egress.destinations) }}
            # the pre-install/pre-upgrade Job "<service>-migrate" has migrated the schema (templates/migrations.yaml)
            - name: SPRING_FLYWAY_ENABLED
              value: "false"
            {{- end }}
            {{- range $key, $value := $s.env }}
            - name: {{ $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
            {{- range $s.publicUrlEnv }}
            {{- if not (hasKey ($s.env | default dict) .) }}
            # the public URL of the gateway (values: publicUrl, else the Ingress host)
            - name: {{ . }}
              value: {{ include "waqup.publicUrl" $root | quote }}
            {{- end }}
            {{- end }}
            {{- range $s.secretKeys }}
            # a key missing from the Secret keeps the pod from starting (CreateContainerConfigError), naming the key
            - name: {{ . }}
              valueFrom:
                secretKeyRef:
                  name: {{ $name }}-secrets
                  key: {{ . }}
            {{- end }}
            {{- range $s.optionalSecretKeys }}
            # left out of the Secret: the feature it enables is off (e.g. a vendor's offline fallback is used)
            - name: {{ . }}
              valueFrom:
                secretKeyRef:
                  name: {{ $name }}-secrets
                  key: {{ . }}
                  optional: true
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "waqup.sharedConfig" $root }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ $s.startupProbe.periodSeconds }}
            failureThreshold: {{ $s.startupProbe.failureThreshold }}
            timeoutSeconds: 3
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          lifecycle:
            # let the endpoints controller and kube-proxy drop the pod before the graceful shutdown starts
            preStop:
              exec:
                command: ["sleep", "5"]
          resources:
            {{- toYaml $s.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $s.tmpSize }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "waqup.selectorLabels" $labels | nindent 4 }}
  ports:
    - name: http
      port: {{ $s.port }}
      targetPort: http
      protocol: TCP
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "waqup.selectorLabels" $labels | nindent 6 }}
{{- if $root.Values.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $s.autoscaling.minReplicas }}
  maxReplicas: {{ $s.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $s.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
{{- end }}
{{- if $root.Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "waqup.selectorLabels" $labels | nindent 6 }}
  policyTypes: [Ingress{{ if $root.Values.networkPolicy.egress.enabled }}, Egress{{ end }}]
  {{- if $root.Values.networkPolicy.egress.enabled }}
  {{- $destinations := $root.Values.networkPolicy.egress.destinations }}
  # egress: DNS, the external infrastructure and vendors this service uses, the services it calls; nothing else
  egress:
    - ports:
        - {port: 53, protocol: UDP}
        - {port: 53, protocol: TCP}
      {{- with $root.Values.networkPolicy.egress.dns }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- range $s.egress.destinations }}
    {{- $destination := index $destinations . | required (printf "services.%s.egress.destinations: %s is not in networkPolicy.egress.destinations" $name .) }}
    # {{ . }}
    - ports:
        {{- range $destination.ports }}
        - {port: {{ . }}, protocol: TCP}
        {{- end }}
      {{- with $destination.to }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- range $s.egress.calls }}
    {{- $callee := index $root.Values.services . | required (printf "services.%s.egress.calls: %s is not a service of this chart" $name .) }}
    - ports:
        - {port: {{ $callee.port }}, protocol: TCP}
      to:
        - podSelector:
            matchLabels:
              {{- include "waqup.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
    {{- end }}
  {{- end }}
  ingress:
    - ports:
        - port: {{ $s.port }}
          protocol: TCP
      {{- if $s.public }}
      {{- with $root.Values.networkPolicy.gatewayFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- else }}
      # the gateway and the other services of this release (internal calls), plus configured extras
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: waqup
              app.kubernetes.io/instance: {{ $root.Release.Name }}
        {{- with $root.Values.networkPolicy.extraFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    {{- with $root.Values.networkPolicy.extraFrom }}
    # Actuator's port: only the configured extras (monitoring); the kubelet's probes are not subject to the policy
    - ports:
        - port: {{ $managementPort }}
          protocol: TCP
      from:
        {{- toYaml . | nindent 8 }}
    {{- end }}
    {{- if and $s.public $root.Values.networkPolicy.gatewayFrom $root.Values.networkPolicy.extraFrom }}
    # monitoring and other extras reach the gateway as well
    - ports:
        - port: {{ $s.port }}
          protocol: TCP
      from:
        {{- toYaml $root.Values.networkPolicy.extraFrom | nindent 8 }}
    {{- end }}
{{- end }}
{{- end -}}
