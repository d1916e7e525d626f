-- Headless Neovim as an LSP client of `brandlint lsp` (works with Neovim 0.7+).
-- Reads its job from $BRANDLINT_NVIM_JOB (JSON: cmd, root, file, out, action), opens the file,
-- waits for diagnostics, applies the code action whose title starts with `action`, writes the
-- file, waits for the server's updated diagnostics and records everything in `out` (JSON).
local job = vim.fn.json_decode(vim.env.BRANDLINT_NVIM_JOB)
local report = {}

local function diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                        code = code, source = d.source, message = d.message })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return out
end

local function finish(status)
  report.status = status
  local f = assert(io.open(job.out, "w"))
  f:write(vim.fn.json_encode(report))
  f:close()
  vim.cmd(status == "ok" and "qa!" or "cquit! 1")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(job.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "brandlint", cmd = job.cmd, root_dir = job.root,
    init_options = { debounceMs = 50 },
  })
  assert(client_id, "start_client failed")
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "buf_attach_client failed")
  local client = vim.lsp.get_client_by_id(client_id)

  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), "no diagnostics arrived")
  report.before = diagnostics(bufnr)
  report.offset_encoding = client.offset_encoding

  -- request code actions at the first diagnostic, as :lua vim.lsp.buf.code_action() would
  local first = report.before[1]
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = {} }
  local results = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  assert(results and results[client_id], "no code action response")
  local actions = results[client_id].result or {}
  report.titles = {}
  local chosen
  for _, a in ipairs(actions) do
    table.insert(report.titles, a.title)
    if chosen == nil and a.title:sub(1, #job.action) == job.action then chosen = a end
  end
  assert(chosen, "no code action titled " .. job.action)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  vim.cmd("write")

  -- the edit reaches the server as didChange: wait for fewer diagnostics
  local n = #report.before
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) < n end, 20), "diagnostics did not update")
  report.after = diagnostics(bufnr)
end)

if not ok then
  report.error = tostring(err)
  finish("error")
else
  finish("ok")
end
