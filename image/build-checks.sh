# Sourced by image/build.sh (and run alone by image/build-checks.test.ts): decides what kind of
# image is built and refuses an unsafe production image before anything is built.
#
# A build is a production build unless BALADEUR_DEV_BUILD=1. A production build needs:
#   BALADEUR_FACTORY_CA  the factory CA certificate (PEM) whose technician cards the unprovisioned
#                        kiosk trusts; the development test CA is refused;
#   BALADEUR_SB_KEY      the Secure Boot signing key (PEM) and
#   BALADEUR_SB_CERT     its certificate (PEM): an RSA pair (UEFI firmware verifies RSA-2048
#                        signatures), the key matching the certificate, and not the development
#                        pair. It signs systemd-boot and the unified kernel image, and is enrolled
#                        as the kiosk's PK, KEK and db (image/secure-boot.sh).
# A development build (.ci/run) trusts the development test CA when no factory CA is given, and
# says so in /etc/baladeur-release (BUILD=development, FACTORY_CA=development); without a signing
# pair it is signed with a development pair (.dev/secure-boot/, image/build.sh).
#
# baladeur_build_checks sets build_kind (production|development), factory_ca (a file, or empty:
# the caller creates the development CA), factory_kind (site|development), sb_key, sb_cert; it
# prints the reasons and returns 1 when the build must stop.

baladeur_pem_certificate() { # FILE: a readable PEM certificate
  [ -f "$1" ] && [ -r "$1" ] && openssl x509 -noout -in "$1" >/dev/null 2>&1
}

baladeur_build_checks() {
  local problems=()
  sb_key=${BALADEUR_SB_KEY:-}
  sb_cert=${BALADEUR_SB_CERT:-}
  factory_ca=${BALADEUR_FACTORY_CA:-}
  case "${BALADEUR_DEV_BUILD:-}" in
    1) build_kind=development ;;
    '' | 0) build_kind=production ;;
    *)
      echo "image: BALADEUR_DEV_BUILD must be 1 (a development build) or unset (a production build), not '${BALADEUR_DEV_BUILD}'" >&2
      return 1
      ;;
  esac

  if [ -n "$factory_ca" ]; then
    if ! baladeur_pem_certificate "$factory_ca"; then
      problems+=("BALADEUR_FACTORY_CA=$factory_ca is not a readable PEM certificate")
    elif [ "$build_kind" = production ] &&
      openssl x509 -noout -subject -nameopt RFC2253 -in "$factory_ca" | grep -q 'O=Baladeur development'; then
      problems+=("BALADEUR_FACTORY_CA=$factory_ca is the development test CA")
    fi
    factory_kind=site
  elif [ "$build_kind" = production ]; then
    problems+=("BALADEUR_FACTORY_CA is not set: give the factory CA certificate (PEM) whose technician cards an unprovisioned kiosk trusts")
  else
    factory_kind=development
  fi

  if [ "$build_kind" = production ]; then
    if [ -z "$sb_key" ]; then
      problems+=("BALADEUR_SB_KEY is not set: give the Secure Boot signing key (PEM)")
    elif [ ! -f "$sb_key" ] || [ ! -r "$sb_key" ] || ! grep -q -- '-----BEGIN .*PRIVATE KEY-----' "$sb_key"; then
      problems+=("BALADEUR_SB_KEY=$sb_key is not a readable PEM private key")
    fi
    if [ -z "$sb_cert" ]; then
      problems+=("BALADEUR_SB_CERT is not set: give the Secure Boot signing certificate (PEM)")
    elif ! baladeur_pem_certificate "$sb_cert"; then
      problems+=("BALADEUR_SB_CERT=$sb_cert is not a readable PEM certificate")
    elif openssl x509 -noout -subject -nameopt RFC2253 -in "$sb_cert" | grep -q 'O=Baladeur development'; then
      problems+=("BALADEUR_SB_CERT=$sb_cert is the development Secure Boot certificate")
    elif ! openssl x509 -noout -text -in "$sb_cert" | grep -q 'Public Key Algorithm: rsaEncryption'; then
      problems+=("BALADEUR_SB_CERT=$sb_cert is not an RSA certificate (UEFI firmware verifies RSA-2048 signatures)")
    elif [ -f "$sb_key" ] && [ "$(openssl pkey -pubout -in "$sb_key" 2>/dev/null)" != "$(openssl x509 -noout -pubkey -in "$sb_cert")" ]; then
      problems+=("BALADEUR_SB_KEY=$sb_key is not the private key of BALADEUR_SB_CERT=$sb_cert")
    fi
  fi

  if [ "${#problems[@]}" -gt 0 ]; then
    echo "image: refusing to build a $build_kind image:" >&2
    printf 'image:   - %s\n' "${problems[@]}" >&2
    if [ "$build_kind" = production ]; then
      echo "image: for a development image (development test CA trusted, not for patients), set BALADEUR_DEV_BUILD=1" >&2
    fi
    return 1
  fi
  if [ "$build_kind" = development ]; then
    echo "image: DEVELOPMENT build (BALADEUR_DEV_BUILD=1): not for patients; the technician screen says so" >&2
  fi
  return 0
}
