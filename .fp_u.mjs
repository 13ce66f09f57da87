import * as esbuild from 'esbuild';
const stub = { name:'s', setup(b){ b.onResolve({ filter: /llhttp_simd-wasm\.js$/ }, () => ({ path: 'x', namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = undefined;', loader: 'js' })); } };
const r = await esbuild.build({ entryPoints:['src/host/network/networkMain.ts'], bundle:true, minify:true, platform:'node', format:'cjs', write:false, metafile:true, plugins:[stub], logLevel:'silent' });
const inputs=r.metafile.inputs; const short=(p)=>p.replace(/.*node_modules\/undici\/lib\//,'');
for (const [k,v] of Object.entries(inputs)) { const targets=v.imports.map(i=>i.path).filter(p=>/web\/|socks5|client-h2|formdata|body\.js/.test(p)); if (targets.length) console.log(short(k),'->',targets.map(short).join(', ')); }
