{{- define "puppetplane.labels" -}}
app.kubernetes.io/part-of: puppetplane
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "puppetplane.image" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
{{- with $root.Values.image -}}{{ if .registry }}{{ .registry }}/{{ end }}{{ .repository }}/{{ $name }}:{{ .tag }}{{- end -}}
{{- end -}}

{{/* Health lives on the plain-HTTP management port, so probes need no client certificate. */}}
{{- define "puppetplane.probes" -}}
startupProbe:
  httpGet: {path: /q/health/started, port: management}
  failureThreshold: 60
  periodSeconds: 2
readinessProbe:
  httpGet: {path: /q/health/ready, port: management}
  periodSeconds: 5
livenessProbe:
  httpGet: {path: /q/health/live, port: management}
  periodSeconds: 10
{{- end -}}

{{- define "puppetplane.common-env" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: QUARKUS_MANAGEMENT_HOST
  value: "0.0.0.0"
{{- end -}}

{{- define "puppetplane.database-env" -}}
{{- $root := index . 0 -}}{{- $db := index . 1 -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: "jdbc:postgresql://{{ $root.Values.postgres.host }}:{{ $root.Values.postgres.port }}/{{ $db }}"
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom: {secretKeyRef: {name: {{ $root.Values.postgres.credentialsSecret }}, key: username}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $root.Values.postgres.credentialsSecret }}, key: password}}
{{- end -}}

{{/*
An init container asks ca-service for this pod's server certificate (SANs: the agent-facing names, the Service
name and the pod IP), so every replica presents a certificate from the same CA that covers every dialed name.
*/}}
{{- define "puppetplane.tls-init" -}}
{{- $root := index . 0 -}}{{- $name := index . 1 -}}
- name: issue-tls
  image: {{ include "puppetplane.image" (list $root "ca-service") }}
  command: ["/deployments/bin/puppetplane-ca", "issue-service-cert", "{{ $name }}",
            {{- range $root.Values.serverNames }}"--dns", "{{ . }}", {{ end }}
            "--dns", "{{ $name }}", "--dns", "{{ $name }}.{{ $root.Release.Namespace }}.svc",
            "--ip", "$(POD_IP)", "--out", "/tls"]
  env:
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: PUPPETPLANE_CA_URL
      value: "https://ca-service:{{ $root.Values.ca.port }}"
    - name: PUPPETPLANE_CA_DIR
      value: /ca
  volumeMounts:
    - {name: tls, mountPath: /tls}
    - {name: ca-admin, mountPath: /ca, readOnly: true}
{{- end -}}

{{- define "puppetplane.tls-env" -}}
- name: PUPPETPLANE_TLS_CERT_FILE
  value: /tls/cert.pem
- name: PUPPETPLANE_TLS_KEY_FILE
  value: /tls/key.pem
- name: PUPPETPLANE_TLS_CA_FILE
  value: /tls/ca.pem
{{- end -}}

{{- define "puppetplane.tls-volumes" -}}
- name: tls
  emptyDir: {medium: Memory}
- name: ca-admin
  secret: {secretName: {{ .Values.ca.keySecret }}, items: [{key: admin_cert.pem, path: admin/cert.pem}, {key: admin_key.pem, path: admin/key.pem}, {key: ca_crt.pem, path: ca_crt.pem}]}
{{- end -}}
