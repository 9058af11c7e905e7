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
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "waqup.labels" $labels | nindent 4 }}
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
        prometheus.io/scrape: "true"
        prometheus.io/path: /actuator/prometheus
        prometheus.io/port: {{ $s.port | quote }}
    spec:
      automountServiceAccountToken: false
      # no <SERVICE>_PORT=tcp://... variables: they would shadow placeholders such as REDIS_PORT
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $s.terminationGracePeriodSeconds }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
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
          env:
            - name: PORT
              value: {{ $s.port | quote }}
            {{- range $key, $value := $s.env }}
            - name: {{ $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "waqup.sharedConfig" $root }}
            {{- if $s.secretKeys }}
            - secretRef:
                name: {{ $name }}-secrets
            {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $s.startupProbe.periodSeconds }}
            failureThreshold: {{ $s.startupProbe.failureThreshold }}
            timeoutSeconds: 3
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
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
  policyTypes: [Ingress]
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
