locals {
  naïve     = "café"
  emoji     = "🚀 launch"
  greek_λ   = "λ-function"
  cjk       = "日本語のテキスト"
  mixed     = "${local.naïve} ☕"
  combining = "e\u0301"
}

resource "aws_s3_object" "ü" {
  bucket  = "b"
  key     = "ключ"
  content = "données"
}
