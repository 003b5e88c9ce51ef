locals {
  ünïcödé = "日本語"
  ünïcödé = "x"
}
