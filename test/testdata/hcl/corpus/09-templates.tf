locals {
  greeting = "Hello, %{ if var.name != "" }${var.name}%{ else }stranger%{ endif }!"
  list     = "%{ for ip in var.ips }server ${ip}\n%{ endfor }"
  stripped = <<-EOT
    %{~ for k, v in var.tags ~}
    ${k} = ${v}
    %{~ endfor ~}
  EOT
  escaped  = "literal $${not_interpolated} and %%{not_a_directive}"
  dollar   = "cost: $5 and 100% sure"
  unicode  = "caf\u00e9 \U0001F600 tab:\t quote:\" backslash:\\"
  nested   = "outer ${"inner ${var.x} text"} end"
  cond     = "mode: ${var.enabled ? "on" : "off"}"
  wrapped  = "${var.port}"
  math     = "${var.a + var.b * 2}"
}
