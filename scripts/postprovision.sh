#!/bin/sh
# azd postprovision hook (azure.yaml). Runs after every `azd provision` / `azd up`, with the Bicep outputs in the
# environment. Idempotent:
#   1. LaunchSigningKey and PostbackSigningKey: 32 random bytes (base64) written to Key Vault only when the
#      secret does not exist yet or is empty. Existing keys are never rotated here (that would break issued
#      launch links and postback credentials).
#   2. ScormCloudSecretKey: never generated; prints how to set it when it is missing.
#   3. Asks App Service to re-resolve the app's Key Vault references now instead of within 24 hours.
# Needs the Azure CLI signed in to the same tenant as azd (`az login`) and openssl. The deploying principal gets
# Key Vault Secrets Officer on the vault from infra/app/rbac.bicep; new role assignments can take a few minutes
# to apply, so Key Vault calls are retried. POSIX sh: azd runs this with `sh`.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run azd provision first (AZURE_KEY_VAULT_NAME is not set)}"
: "${AZURE_FUNCTION_NAME:?run azd provision first (AZURE_FUNCTION_NAME is not set)}"
: "${AZURE_RESOURCE_GROUP:?run azd provision first (AZURE_RESOURCE_GROUP is not set)}"

for tool in az openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "postprovision: '$tool' is required" >&2; exit 1; }
done

vault="$AZURE_KEY_VAULT_NAME"
subscription_args=""
[ -n "${AZURE_SUBSCRIPTION_ID:-}" ] && subscription_args="--subscription $AZURE_SUBSCRIPTION_ID"
errfile="$(mktemp)"
keyfile="$(mktemp)"
trap 'rm -f "$errfile" "$keyfile"' EXIT INT TERM
chmod 600 "$keyfile"

# Prints "present", "missing" (not found or empty) or fails after retrying on any other error (e.g. the role
# assignment has not propagated yet: Forbidden).
secret_state() {
  attempt=1
  while :; do
    # shellcheck disable=SC2086
    if value_length="$(az keyvault secret show $subscription_args --vault-name "$vault" --name "$1" \
        --query 'length(value)' -o tsv 2>"$errfile")"; then
      if [ -n "$value_length" ] && [ "$value_length" -gt 0 ]; then echo present; else echo missing; fi
      return 0
    fi
    if grep -qi 'SecretNotFound\|was not found' "$errfile"; then echo missing; return 0; fi
    if [ "$attempt" -ge 20 ]; then
      echo "postprovision: cannot read secret $1 in $vault:" >&2; cat "$errfile" >&2; return 1
    fi
    echo "postprovision: waiting for Key Vault access ($attempt/20)..." >&2
    attempt=$((attempt + 1)); sleep 15
  done
}

set_generated_secret() {
  openssl rand -base64 32 | tr -d '\n' > "$keyfile"
  attempt=1
  # shellcheck disable=SC2086
  until az keyvault secret set $subscription_args --vault-name "$vault" --name "$1" --file "$keyfile" \
      --encoding utf-8 --content-type 'base64 HMAC key (32 bytes)' --output none 2>"$errfile"; do
    if [ "$attempt" -ge 20 ]; then
      echo "postprovision: cannot write secret $1 in $vault:" >&2; cat "$errfile" >&2; return 1
    fi
    echo "postprovision: waiting for Key Vault write access ($attempt/20)..." >&2
    attempt=$((attempt + 1)); sleep 15
  done
  : > "$keyfile"
}

for name in LaunchSigningKey PostbackSigningKey; do
  state="$(secret_state "$name")" || exit 1
  if [ "$state" = present ]; then
    echo "postprovision: $name already has a value; kept."
  else
    set_generated_secret "$name"
    echo "postprovision: $name generated (32 random bytes)."
  fi
done

state="$(secret_state ScormCloudSecretKey)" || exit 1
if [ "$state" = missing ]; then
  cat <<EOF
postprovision: ScormCloudSecretKey is not set yet. The app cannot call SCORM Cloud until it is:
  az keyvault secret set --vault-name $vault --name ScormCloudSecretKey --file <file holding the secret key>
then re-run: azd hooks run postprovision   (or wait up to 24 hours for App Service to pick it up)
EOF
fi

# Re-resolve @Microsoft.KeyVault(...) app settings now. Best effort: the secrets are already stored.
# shellcheck disable=SC2086
site_id="$(az functionapp show $subscription_args --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_NAME" \
  --query id -o tsv 2>"$errfile")" || site_id=""
if [ -n "$site_id" ] && az rest --method post \
    --url "$site_id/config/configreferences/appsettings/refresh?api-version=2024-11-01" --output none 2>"$errfile"; then
  echo "postprovision: Key Vault references refreshed on $AZURE_FUNCTION_NAME."
else
  echo "postprovision: could not refresh Key Vault references (they refresh within 24 hours or on the next settings change):" >&2
  cat "$errfile" >&2
fi
